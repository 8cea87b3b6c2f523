// RabbitMQ queues, each service's outbox, error queues with their messages, and moving them back.
import { el, badge, getJson, post } from '../api.js';

export function render(main) {
  const message = el('p', { role: 'status' });
  const queues = el('tbody');
  const outboxes = el('tbody');
  const errors = el('div', { id: 'error-queues' });
  const open = new Map();
  main.append(el('h1', {}, 'Messaging'), message,
    el('h2', {}, 'Outboxes'),
    el('table', { id: 'outboxes' }, el('thead', {}, el('tr', {}, ['Service', 'Unsent', 'Failing', 'Oldest unsent'].map(h => el('th', {}, h)))), outboxes),
    el('h2', {}, 'Queues'),
    el('table', { id: 'queues' }, el('thead', {}, el('tr', {}, ['Queue', 'Type', 'Messages', 'Consumers', 'In /s', 'Out /s'].map(h => el('th', {}, h)))), queues),
    el('h2', {}, 'Error queues'), errors);

  async function peek(queue, panel) {
    const messages = await getJson(`/api/messaging/queues/${encodeURIComponent(queue)}/messages?count=20`);
    panel.replaceChildren(...messages.map(m => el('div', { class: 'panel' },
      el('dl', { class: 'kv' },
        el('dt', {}, 'Message id'), el('dd', {}, m.messageId ?? '–'),
        el('dt', {}, 'Message type'), el('dd', {}, m.messageType ?? '–'),
        ['MT-Fault-ExceptionType', 'MT-Fault-Message', 'MT-Reason', 'MT-Fault-Timestamp'].filter(h => m.headers[h]).flatMap(h => [el('dt', {}, h), el('dd', {}, m.headers[h])])))));
    if (messages.length === 0) panel.append(el('p', { class: 'muted' }, 'Empty.'));
  }

  async function requeue(queue) {
    try {
      const result = await post(`/api/messaging/queues/${encodeURIComponent(queue)}/requeue`);
      message.textContent = `Moved ${result.moved} message(s) from ${result.from} back to ${result.to}.`;
      refresh();
    } catch (e) {
      message.textContent = e.message;
    }
  }

  async function refresh() {
    try {
      const view = await getJson('/api/messaging');
      if (view.brokerError) message.textContent = view.brokerError;
      outboxes.replaceChildren(...view.outboxes.map(o => el('tr', { 'data-outbox': o.resource },
        el('td', {}, o.resource), el('td', {}, o.pending), el('td', {}, o.failing > 0 ? badge(String(o.failing), 'error') : 0),
        el('td', {}, `${o.oldestPendingAgeSeconds.toFixed(1)} s`))));
      if (view.outboxes.length === 0) outboxes.append(el('tr', {}, el('td', { colspan: 4, class: 'muted' }, 'No outbox metrics received yet.')));
      queues.replaceChildren(...view.queues.map(q => el('tr', { 'data-queue': q.name },
        el('td', {}, q.name, q.isErrorQueue ? [' ', badge('error queue', q.messages > 0 ? 'error' : '')] : null),
        el('td', {}, q.type), el('td', {}, q.messages), el('td', {}, q.consumers),
        el('td', {}, q.publishRate.toFixed(1)), el('td', {}, q.deliverRate.toFixed(1)))));
      const failed = view.queues.filter(q => q.isErrorQueue);
      errors.replaceChildren(...failed.map(q => {
        const panel = open.get(q.name) ?? el('div');
        open.set(q.name, panel);
        return el('div', { class: 'panel', 'data-error-queue': q.name },
          el('strong', {}, q.name), ` · ${q.messages} message(s) failed in ${q.sourceQueue} `,
          el('button', { onclick: () => peek(q.name, panel).catch(e => { message.textContent = e.message; }) }, 'Show messages'), ' ',
          el('button', { onclick: () => requeue(q.name) }, `Move back to ${q.sourceQueue}`),
          panel);
      }));
      if (failed.length === 0) errors.append(el('p', { class: 'muted' }, 'No error queues: nothing has failed for good.'));
    } catch (e) {
      message.textContent = e.message;
    }
  }

  refresh();
  // Queue depths and rates come from the broker, not from telemetry: poll while the page is open.
  const timer = setInterval(refresh, 3000);
  return { dispose: () => clearInterval(timer) };
}
