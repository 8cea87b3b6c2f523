// Every resource: state, health, start, restarts, endpoints, masked environment; start, stop, restart; the graph.
import { el, badge, getJson, post, time } from '../api.js';
import { resourceGraph } from '../svg.js';

export function render(main, { resources }) {
  const expanded = new Set();
  const message = el('p', { class: 'error', role: 'alert' });
  const body = el('tbody');
  const graph = el('div', { class: 'panel graph' });
  main.append(el('h1', {}, 'Resources'), message,
    el('table', { id: 'resources' }, el('thead', {}, el('tr', {},
      ['Name', 'Type', 'State', 'Health', 'Started', 'Restarts', 'Endpoints', 'Actions'].map(h => el('th', {}, h)))), body),
    el('h2', {}, 'Who depends on whom'),
    el('p', { class: 'muted' }, 'Solid arrows: waits for (started after it is healthy). Dashed: calls by name.'),
    graph);

  async function act(name, action) {
    message.textContent = '';
    try { await post(`/api/resources/${encodeURIComponent(name)}/${action}`); } catch (e) { message.textContent = `${action} ${name}: ${e.message}`; }
  }

  function show(list) {
    body.replaceChildren(...list.flatMap(r => {
      const running = ['Running', 'Starting'].includes(r.state);
      const row = el('tr', { 'data-resource': r.name, 'data-state': r.state, 'data-health': r.health },
        el('td', {}, el('button', { class: 'link', 'aria-expanded': String(expanded.has(r.name)), onclick: () => { expanded.has(r.name) ? expanded.delete(r.name) : expanded.add(r.name); show(list); } }, expanded.has(r.name) ? '▾ ' : '▸ ', r.name)),
        el('td', {}, r.type),
        el('td', { class: 'state' }, badge(r.state)),
        el('td', { class: 'health' }, badge(r.health)),
        el('td', {}, r.startedAt ? time(r.startedAt) : ''),
        el('td', { class: 'restarts' }, r.restartCount),
        el('td', {}, r.endpoints.map(url => url.startsWith('http') ? el('div', {}, el('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, url)) : el('div', { class: 'mono' }, url))),
        el('td', {}, r.canControl
          ? [el('button', { 'data-action': 'start', disabled: running || r.state === 'Stopping', onclick: () => act(r.name, 'start') }, 'Start'), ' ',
             el('button', { 'data-action': 'stop', disabled: !running, onclick: () => act(r.name, 'stop') }, 'Stop'), ' ',
             el('button', { 'data-action': 'restart', disabled: r.state === 'Stopping', onclick: () => act(r.name, 'restart') }, 'Restart'), ' ',
             el('a', { href: `#/console/${encodeURIComponent(r.name)}` }, 'Console')]
          : el('span', { class: 'muted' }, 'watched, not run by the app host')));
      if (!expanded.has(r.name)) return [row];
      const details = el('tr', { class: 'details' }, el('td', { colspan: 8 },
        el('dl', { class: 'kv' },
          el('dt', {}, 'Process id'), el('dd', {}, r.processId ?? '–'),
          el('dt', {}, 'Exit code'), el('dd', {}, r.exitCode ?? '–'),
          el('dt', {}, 'Waits for'), el('dd', {}, r.waitsFor.join(', ') || '–'),
          el('dt', {}, 'Calls'), el('dd', {}, r.references.join(', ') || '–'),
          r.environment.flatMap(v => [el('dt', {}, v.name), el('dd', {}, v.value)]))));
      return [row, details];
    }));
    graph.replaceChildren(resourceGraph(list));
  }

  if (resources) show(resources); else getJson('/api/resources').then(show, e => { message.textContent = e.message; });
  return { onResources: show };
}
