// Pictures drawn as SVG by hand: line charts over time, and the resource graph.
import { el, colourOf } from './api.js';

const stateColour = state => ({ Running: '#1e7f3c', Starting: '#b06a00', Waiting: '#b06a00', Stopping: '#b06a00', Exited: '#c22f2f', FailedToStart: '#c22f2f' })[state] ?? '#7b8394';

function nice(value) {
  if (!Number.isFinite(value) || value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1e9) return (value / 1e9).toFixed(1) + 'G';
  if (abs >= 1e6) return (value / 1e6).toFixed(1) + 'M';
  if (abs >= 1e3) return (value / 1e3).toFixed(1) + 'k';
  if (abs >= 10) return value.toFixed(0);
  if (abs >= 1) return value.toFixed(2);
  return value.toPrecision(2);
}

/** A chart { title, unit, lines: [{ name, points: [[unixMs, value]] }] } as a panel. */
export function lineChart(chart) {
  const width = 600, height = 200, left = 52, right = 10, top = 10, bottom = 24;
  const points = chart.lines.flatMap(line => line.points);
  const panel = el('div', { class: 'panel chart', 'data-chart': chart.title }, el('strong', {}, chart.title), ' ', el('span', { class: 'muted' }, chart.unit));
  if (points.length === 0) {
    panel.append(el('p', { class: 'muted' }, 'No points yet.'));
    return panel;
  }
  const minT = Math.min(...points.map(p => p[0])), maxT = Math.max(...points.map(p => p[0]));
  const maxV = Math.max(...points.map(p => p[1]), 0) || 1, minV = Math.min(...points.map(p => p[1]), 0);
  const x = t => left + (maxT === minT ? 0.5 : (t - minT) / (maxT - minT)) * (width - left - right);
  const y = v => top + (1 - (v - minV) / (maxV - minV || 1)) * (height - top - bottom);
  const svg = el('svg', { viewBox: `0 0 ${width} ${height}`, preserveAspectRatio: 'none', role: 'img', 'aria-label': chart.title });
  for (const fraction of [0, 0.5, 1]) {
    const value = minV + (maxV - minV) * fraction;
    svg.append(el('line', { x1: left, x2: width - right, y1: y(value), y2: y(value), stroke: '#e3e6ec' }),
      el('text', { x: left - 4, y: y(value) + 4, 'text-anchor': 'end', 'font-size': 10, fill: '#5d6577' }, nice(value)));
  }
  const clock = t => new Date(t).toLocaleTimeString('en-GB', { timeZone: 'Europe/London' });
  svg.append(el('text', { x: left, y: height - 6, 'font-size': 10, fill: '#5d6577' }, clock(minT)),
    el('text', { x: width - right, y: height - 6, 'text-anchor': 'end', 'font-size': 10, fill: '#5d6577' }, clock(maxT)));
  const legend = el('div', { class: 'legend' });
  for (const line of chart.lines) {
    const colour = colourOf(line.name);
    svg.append(el('polyline', {
      class: 'series', fill: 'none', stroke: colour, 'stroke-width': 1.5, 'vector-effect': 'non-scaling-stroke',
      points: line.points.map(p => `${x(p[0]).toFixed(1)},${y(p[1]).toFixed(1)}`).join(' '),
    }, el('title', {}, line.name)));
    const last = line.points.at(-1);
    const label = el('span', {}, `${line.name}: ${last ? nice(last[1]) : '–'}`);
    label.style.color = colour;
    legend.append(label);
  }
  panel.append(svg, legend);
  return panel;
}

/** Resources in layers by what they wait for; solid arrows wait, dashed ones call by name. */
export function resourceGraph(resources) {
  const depth = new Map();
  const byName = new Map(resources.map(r => [r.name, r]));
  const depthOf = name => {
    if (!depth.has(name)) depth.set(name, Math.max(-1, ...byName.get(name).waitsFor.map(depthOf)) + 1);
    return depth.get(name);
  };
  resources.forEach(r => depthOf(r.name));
  const layers = [];
  for (const r of resources) (layers[depth.get(r.name)] ??= []).push(r);
  const nodeW = 120, nodeH = 40, gapY = 70, width = Math.max(...layers.map(l => l.length)) * (nodeW + 30) + 30;
  const position = new Map();
  layers.forEach((layer, level) => layer.forEach((r, i) => {
    const span = width / layer.length;
    position.set(r.name, { x: span * i + span / 2, y: 20 + level * (nodeH + gapY) });
  }));
  const height = layers.length * (nodeH + gapY) - gapY + 40;
  const svg = el('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': 'Resource graph' },
    el('defs', {}, el('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 6, markerHeight: 6, orient: 'auto-start-reverse' },
      el('path', { d: 'M 0 0 L 10 5 L 0 10 z', fill: '#8a93a5' }))));
  const edge = (from, to, dashed) => {
    const a = position.get(from), b = position.get(to);
    const down = b.y > a.y ? 1 : b.y < a.y ? -1 : 0;
    svg.append(el('line', {
      x1: a.x, y1: a.y + (down >= 0 ? nodeH : 0), x2: b.x, y2: b.y + (down > 0 ? 0 : down < 0 ? nodeH : nodeH / 2),
      stroke: '#8a93a5', 'stroke-dasharray': dashed ? '4 3' : null, 'marker-end': 'url(#arrow)',
    }));
  };
  // Drawn from dependency to dependant would read upside down: arrows point at what is depended on.
  for (const r of resources) {
    r.waitsFor.forEach(d => edge(r.name, d, false));
    r.references.filter(d => !r.waitsFor.includes(d)).forEach(d => edge(r.name, d, true));
  }
  for (const r of resources) {
    const { x, y } = position.get(r.name);
    svg.append(el('g', { 'data-node': r.name },
      el('rect', { x: x - nodeW / 2, y, width: nodeW, height: nodeH, rx: 6, fill: '#fff', stroke: stateColour(r.state), 'stroke-width': 2 }),
      el('text', { x, y: y + 17, 'text-anchor': 'middle', 'font-size': 13, 'font-weight': 600 }, r.name),
      el('text', { x, y: y + 32, 'text-anchor': 'middle', 'font-size': 11, fill: stateColour(r.state) }, r.state),
      el('title', {}, `${r.name}: ${r.state}, ${r.health}`)));
  }
  return svg;
}
