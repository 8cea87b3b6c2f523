// One trace as a waterfall: every span across gateway, services, broker and database, with attributes and events.
import { el, badge, colourOf, duration, getJson, time } from '../api.js';

export function render(main, { arg: traceId }) {
  const started = performance.now();
  const message = el('p', { class: 'error', role: 'alert' });
  main.append(el('p', {}, el('a', { href: '#/traces' }, '← Traces')), message);

  getJson(`/api/traces/${encodeURIComponent(traceId)}`).then(trace => {
    const root = trace.spans[0];
    const details = el('div', { class: 'panel', id: 'span-details' }, el('p', { class: 'muted' }, 'Select a span to see its attributes and events.'));
    const rows = el('div', { class: 'waterfall', id: 'waterfall' });
    const total = trace.durationMs || 1;
    const percent = ms => `${Math.min(100, (ms / total) * 100).toFixed(3)}%`;
    let selected = null;

    function select(span, row) {
      selected?.classList.remove('selected');
      selected = row;
      row.classList.add('selected');
      details.replaceChildren(
        el('h2', {}, `${span.resource}: ${span.name}`),
        el('dl', { class: 'kv' },
          el('dt', {}, 'Kind'), el('dd', {}, span.kind),
          el('dt', {}, 'Scope'), el('dd', {}, span.scope),
          el('dt', {}, 'Start'), el('dd', {}, `+${duration(span.offsetMs)}`),
          el('dt', {}, 'Duration'), el('dd', {}, duration(span.durationMs)),
          el('dt', {}, 'Span id'), el('dd', {}, span.spanId),
          el('dt', {}, 'Parent'), el('dd', {}, span.parentSpanId || '–'),
          el('dt', {}, 'Status'), el('dd', {}, span.isError ? `error ${span.statusMessage}` : 'ok')),
        el('h2', {}, 'Attributes'),
        el('dl', { class: 'kv', id: 'span-attributes' }, span.attributes.flatMap(a => [el('dt', {}, a.key), el('dd', {}, a.value)])),
        span.events.length ? el('h2', {}, 'Events') : null,
        span.events.map(e => el('div', { class: 'panel' }, el('strong', {}, e.name), ' ', el('span', { class: 'muted' }, `+${duration(e.offsetMs)}`),
          el('dl', { class: 'kv' }, e.attributes.flatMap(a => [el('dt', {}, a.key), el('dd', {}, a.value)])))));
    }

    const fragment = document.createDocumentFragment();
    for (const span of trace.spans) {
      const bar = el('div', { class: `wf-bar${span.isError ? ' error' : ''}` });
      bar.style.left = percent(span.offsetMs);
      bar.style.width = percent(span.durationMs);
      bar.style.background = colourOf(span.resource);
      const label = el('span', { class: 'wf-label' }, duration(span.durationMs));
      // Beside the bar, on whichever side has room.
      if ((span.offsetMs + span.durationMs) / total < 0.8) label.style.left = `calc(${percent(span.offsetMs + span.durationMs)} + 4px)`;
      else label.style.right = `calc(${(100 - (span.offsetMs / total) * 100).toFixed(3)}% + 4px)`;
      const events = span.events.map(e => { const mark = el('span', { class: 'wf-event', title: e.name }); mark.style.left = percent(e.offsetMs); return mark; });
      const name = el('div', { class: 'wf-name', title: `${span.resource}: ${span.name}` },
        el('span', { class: 'res' }, span.resource), span.kind !== 'internal' ? el('span', { class: 'muted' }, `${span.kind} `) : null, span.name);
      name.style.paddingLeft = `${6 + span.depth * 14}px`;
      const row = el('div', { class: 'wf-row', 'data-span': span.spanId, 'data-resource': span.resource, 'data-kind': span.kind }, name, el('div', { class: 'wf-track' }, bar, label, ...events));
      row.addEventListener('click', () => select(span, row));
      fragment.append(row);
    }
    rows.append(fragment);

    main.append(
      el('h1', {}, `${root.resource}: ${root.name}`),
      el('p', {}, time(trace.start), ' · ', duration(trace.durationMs), ' · ', `${trace.spans.length} spans`, ' · ',
        trace.resources.map(r => [badge(r, 'resource'), ' ']),
        trace.spans.some(s => s.isError) ? badge('error') : null, ' · ',
        el('a', { href: `#/logs?traceId=${trace.traceId}`, id: 'trace-logs' }, `${trace.logCount} log entries`)),
      el('p', { class: 'mono muted' }, trace.traceId),
      el('div', { class: 'split' }, rows, details));
    main.dataset.renderMs = (performance.now() - started).toFixed(1);
  }, e => { message.textContent = e.message; });
}
