// Structured logs from OTLP: filter by resource, level, text and time; each entry links to its trace.
import { el, badge, getJson, options, query, resourceFilter, throttle, time } from '../api.js';

const levels = ['trace', 'debug', 'information', 'warning', 'error', 'critical'];
const levelKind = level => ({ Warning: 'warn', Error: 'error', Critical: 'error' })[level] ?? 'ok';

export function render(main, { params, resources }) {
  const { select: resource, fill: fillResources } = resourceFilter(resources, params.get('resource') ?? '');
  const level = el('select', { 'aria-label': 'Minimum level', name: 'level' });
  const text = el('input', { type: 'search', placeholder: 'Message or attribute contains', 'aria-label': 'Text', name: 'text', value: params.get('text') ?? '' });
  const from = el('input', { type: 'datetime-local', 'aria-label': 'From', name: 'from', step: 1 });
  const to = el('input', { type: 'datetime-local', 'aria-label': 'To', name: 'to', step: 1 });
  const traceId = params.get('traceId');
  const message = el('p', { class: 'error', role: 'alert' });
  const body = el('tbody');
  options(level, levels, params.get('level') ?? '', 'Any level');
  const load = throttle(refresh, 1000);
  for (const input of [resource, level, from, to]) input.addEventListener('change', refresh);
  text.addEventListener('input', load);

  main.append(el('h1', {}, 'Structured logs'),
    el('div', { class: 'toolbar' }, resource, level, text, el('label', {}, 'from ', from), el('label', {}, 'to ', to),
      traceId ? el('span', {}, 'trace ', el('a', { href: `#/traces/${traceId}`, class: 'mono' }, traceId.slice(0, 12)), ' ', el('a', { href: '#/logs' }, '(all logs)')) : null),
    message,
    el('table', { id: 'logs' }, el('thead', {}, el('tr', {}, ['Time', 'Resource', 'Level', 'Category', 'Message', 'Trace'].map(h => el('th', {}, h)))), body));

  const iso = input => input.value ? new Date(input.value).toISOString() : undefined;

  async function refresh() {
    try {
      const entries = await getJson('/api/logs' + query({ resource: resource.value, level: level.value, text: text.value, from: iso(from), to: iso(to), traceId, limit: 500 }));
      message.textContent = '';
      body.replaceChildren(...entries.flatMap(entry => {
        const attributes = el('tr', { hidden: true }, el('td', { colspan: 6 }, el('dl', { class: 'kv' }, entry.attributes.flatMap(a => [el('dt', {}, a.key), el('dd', {}, a.value)]))));
        return [el('tr', { class: 'clickable', 'data-trace': entry.traceId, onclick: () => { attributes.hidden = !attributes.hidden; } },
          el('td', { class: 'mono' }, time(entry.time)),
          el('td', {}, entry.resource),
          el('td', {}, badge(entry.level, levelKind(entry.level))),
          el('td', { class: 'muted' }, entry.category),
          el('td', {}, entry.message),
          el('td', {}, entry.traceId ? el('a', { href: `#/traces/${entry.traceId}`, class: 'mono', onclick: e => e.stopPropagation() }, entry.traceId.slice(0, 8)) : '')), attributes];
      }));
      if (entries.length === 0) body.append(el('tr', {}, el('td', { colspan: 6, class: 'muted' }, 'No log entries match.')));
    } catch (e) {
      message.textContent = e.message;
    }
  }

  refresh();
  return {
    onTelemetry: load,
    onResources: fillResources,
  };
}
