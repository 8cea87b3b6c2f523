// A resource's console output, live, with search.
import { el, getJson, options, time } from '../api.js';

const MaxLines = 5000;

export function render(main, { arg }) {
  const picker = el('select', { 'aria-label': 'Resource', onchange: () => { location.hash = `#/console/${encodeURIComponent(picker.value)}`; } });
  const search = el('input', { type: 'search', placeholder: 'Search the output', 'aria-label': 'Search', oninput: () => filter() });
  const follow = el('input', { type: 'checkbox', checked: true, id: 'follow' });
  const count = el('span', { class: 'muted' });
  const output = el('pre', { class: 'console', id: 'console', 'aria-live': 'off' });
  main.append(el('h1', {}, 'Console'), el('div', { class: 'toolbar' }, picker, search, el('label', {}, follow, ' follow'), count), output);

  let stream = null;
  const matches = line => !search.value || line.text.toLowerCase().includes(search.value.toLowerCase());

  function lineNode(line) {
    const node = el('div', { class: line.stream }, el('span', { class: 'muted' }, time(line.timestamp), ' '));
    node.line = line;
    highlight(node);
    return node;
  }

  function highlight(node) {
    const text = node.line.text;
    const needle = search.value.toLowerCase();
    node.hidden = !matches(node.line);
    const parts = [];
    if (needle) {
      let from = 0;
      for (let at = text.toLowerCase().indexOf(needle); at >= 0; at = text.toLowerCase().indexOf(needle, from)) {
        parts.push(text.slice(from, at), el('mark', {}, text.slice(at, at + needle.length)));
        from = at + needle.length;
      }
      parts.push(text.slice(from));
    } else {
      parts.push(text);
    }
    node.replaceChildren(node.firstChild, ...parts);
  }

  function filter() {
    for (const node of output.children) highlight(node);
    count.textContent = `${[...output.children].filter(n => !n.hidden).length} of ${output.children.length} lines`;
  }

  getJson('/api/resources').then(list => {
    const name = arg ?? list[0]?.name;
    options(picker, list.map(r => r.name), name);
    if (!name) return;
    stream = new EventSource(`/api/resources/${encodeURIComponent(name)}/console`);
    let pending = [];
    let scheduled = false;
    stream.addEventListener('line', event => {
      pending.push(JSON.parse(event.data));
      if (scheduled) return;
      scheduled = true;
      // Lines arrive in bursts (the backlog first): add them once per frame.
      requestAnimationFrame(() => {
        output.append(...pending.map(lineNode));
        pending = [];
        scheduled = false;
        while (output.children.length > MaxLines) output.firstChild.remove();
        count.textContent = `${[...output.children].filter(n => !n.hidden).length} of ${output.children.length} lines`;
        if (follow.checked) output.scrollTop = output.scrollHeight;
      });
    });
  });

  return { dispose: () => stream?.close() };
}
