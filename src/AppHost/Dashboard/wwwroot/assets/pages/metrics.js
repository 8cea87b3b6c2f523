// Per resource: its instruments, and charts over time. The key ones (requests, CPU, memory, outbox) come first.
import { el, getJson, options, throttle } from '../api.js';
import { lineChart } from '../svg.js';

const keyInstruments = ['http.server.request.duration', 'dotnet.process.cpu.time', 'dotnet.process.memory.working_set', 'caremesh.outbox.pending', 'caremesh.outbox.oldest_pending_age'];

export function render(main, { arg, params }) {
  const picker = el('select', { 'aria-label': 'Resource', onchange: () => { location.hash = `#/metrics/${encodeURIComponent(picker.value)}`; } });
  const message = el('p', { class: 'error', role: 'alert' });
  const charts = el('div', { class: 'grid', id: 'charts' });
  const body = el('tbody');
  let chosen = params.get('instrument');
  main.append(el('h1', {}, 'Metrics'), el('div', { class: 'toolbar' }, picker), message, charts,
    el('h2', {}, 'Instruments'),
    el('table', { id: 'instruments' }, el('thead', {}, el('tr', {}, ['Name', 'Type', 'Unit', 'Series', 'Description'].map(h => el('th', {}, h)))), body));

  let resource = arg;
  async function refresh() {
    try {
      const resources = await getJson('/api/metrics');
      resource ??= resources[0];
      options(picker, resources, resource);
      if (!resource) { message.textContent = 'No metrics received yet.'; return; }
      const instruments = await getJson(`/api/metrics/${encodeURIComponent(resource)}`);
      message.textContent = '';
      body.replaceChildren(...instruments.map(i => el('tr', { class: 'clickable', 'data-instrument': i.name, onclick: () => { chosen = i.name; refresh(); } },
        el('td', {}, el('a', { href: `#/metrics/${encodeURIComponent(resource)}?instrument=${encodeURIComponent(i.name)}`, onclick: e => e.stopPropagation() }, i.name)),
        el('td', {}, i.type), el('td', {}, i.unit), el('td', {}, i.seriesCount), el('td', { class: 'muted' }, i.description))));
      const names = instruments.map(i => i.name);
      const shown = chosen ? [chosen] : keyInstruments.filter(name => names.includes(name));
      const views = await Promise.all(shown.map(name => getJson(`/api/metrics/${encodeURIComponent(resource)}/${encodeURIComponent(name)}`)));
      charts.replaceChildren(...(chosen ? [el('p', {}, el('a', { href: `#/metrics/${encodeURIComponent(resource)}` }, '← key charts'))] : []),
        ...views.flatMap(view => view.charts.map(lineChart)));
    } catch (e) {
      message.textContent = e.message;
    }
  }

  refresh();
  return { onTelemetry: throttle(refresh, 2000) };
}
