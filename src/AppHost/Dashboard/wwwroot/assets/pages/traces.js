// Traces: root name, resources touched, spans, duration, error.
import { el, badge, colourOf, duration, getJson, query, resourceFilter, throttle, time } from '../api.js';

export function render(main, { params, resources }) {
  const { select: resource, fill: fillResources } = resourceFilter(resources, params.get('resource') ?? '');
  const text = el('input', { type: 'search', placeholder: 'Span name or trace id', 'aria-label': 'Text', value: params.get('text') ?? '' });
  const errorsOnly = el('input', { type: 'checkbox', id: 'errors-only' });
  const message = el('p', { class: 'error', role: 'alert' });
  const body = el('tbody');
  const load = throttle(refresh, 1000);
  resource.addEventListener('change', refresh);
  errorsOnly.addEventListener('change', refresh);
  text.addEventListener('input', load);

  main.append(el('h1', {}, 'Traces'),
    el('div', { class: 'toolbar' }, resource, text, el('label', {}, errorsOnly, ' errors only')),
    message,
    el('table', { id: 'traces' }, el('thead', {}, el('tr', {}, ['Time', 'Name', 'Resources', 'Spans', 'Duration', ''].map(h => el('th', {}, h)))), body));

  async function refresh() {
    const started = performance.now();
    try {
      const list = await getJson('/api/traces' + query({ resource: resource.value, text: text.value, errorsOnly: errorsOnly.checked, limit: 200 }));
      message.textContent = '';
      body.replaceChildren(...list.map(t => el('tr', { class: 'clickable', 'data-trace': t.traceId, onclick: () => { location.hash = `#/traces/${t.traceId}`; } },
        el('td', { class: 'mono' }, time(t.start)),
        el('td', {}, el('a', { href: `#/traces/${t.traceId}` }, `${t.rootResource}: ${t.name}`)),
        el('td', {}, t.resources.map(r => { const b = badge(r, 'resource'); b.style.borderLeft = `4px solid ${colourOf(r)}`; return [b, ' ']; })),
        el('td', {}, t.spanCount),
        el('td', {}, duration(t.durationMs)),
        el('td', {}, t.hasError ? badge('error') : ''))));
      if (list.length === 0) body.append(el('tr', {}, el('td', { colspan: 6, class: 'muted' }, 'No traces yet.')));
      main.dataset.renderMs = (performance.now() - started).toFixed(1);
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
