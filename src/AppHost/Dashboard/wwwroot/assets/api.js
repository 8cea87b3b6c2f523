// Talking to the app host: JSON reads, actions (with the header every action must carry), and safe DOM building.

export class ProblemError extends Error {}

async function check(response) {
  if (response.status === 401) {
    location.href = '/login';
    throw new ProblemError('Signed out');
  }
  if (!response.ok) {
    let detail = `${response.status} ${response.statusText}`;
    try { detail = (await response.json()).detail ?? detail; } catch { /* not a problem document */ }
    throw new ProblemError(detail);
  }
  return response.json();
}

export const getJson = url => fetch(url, { headers: { Accept: 'application/json' } }).then(check);

export const post = url => fetch(url, { method: 'POST', headers: { 'X-CareMesh-Dashboard': '1', Accept: 'application/json' } }).then(check);

/** el('a', { href, class: 'x' }, 'text', child...): text is always text, never markup. */
export function el(tag, attributes = {}, ...children) {
  const svg = ['svg', 'g', 'line', 'polyline', 'rect', 'text', 'path', 'circle', 'title', 'defs', 'marker'].includes(tag);
  const node = svg ? document.createElementNS('http://www.w3.org/2000/svg', tag) : document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export const badge = (text, kind = text) => el('span', { class: `badge ${kind}` }, text);

export function time(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleTimeString('en-GB', { timeZone: 'Europe/London' }) + '.' + String(date.getMilliseconds()).padStart(3, '0');
}

export function duration(ms) {
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 1) return `${ms.toFixed(1)} ms`;
  return `${Math.round(ms * 1000)} µs`;
}

/** Runs fn at most once per interval, and once more after the last call. */
export function throttle(fn, interval) {
  let last = 0;
  let timer = null;
  return (...args) => {
    const wait = last + interval - Date.now();
    clearTimeout(timer);
    if (wait <= 0) { last = Date.now(); fn(...args); } else { timer = setTimeout(() => { last = Date.now(); fn(...args); }, wait); }
  };
}

const palette = ['#1f77b4', '#2ca02c', '#9467bd', '#d62728', '#ff7f0e', '#17becf', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22'];

/** The same colour for a name everywhere on the page. */
export function colourOf(name) {
  let hash = 0;
  for (const c of name) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
  return palette[hash % palette.length];
}

export function query(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '' && value !== false) search.set(name, value);
  const text = search.toString();
  return text ? `?${text}` : '';
}

export function options(select, values, selected, blank) {
  select.replaceChildren(...(blank ? [el('option', { value: '' }, blank)] : []),
    ...values.map(value => el('option', { value, selected: value === selected }, value)));
}

/** A resource filter ('All resources' first) that fills itself once the resources are known, if they were not at first. */
export function resourceFilter(resources, selected) {
  const select = el('select', { 'aria-label': 'Resource', name: 'resource' });
  const fill = list => { if (select.options.length <= 1) options(select, list.map(r => r.name), select.value || selected, 'All resources'); };
  fill(resources ?? []);
  return { select, fill };
}
