// The dashboard's shell: hash routes to pages, and one live stream whose events each page may use.
import * as resources from './pages/resources.js';
import * as consolePage from './pages/console.js';
import * as logs from './pages/logs.js';
import * as traces from './pages/traces.js';
import * as trace from './pages/trace.js';
import * as metrics from './pages/metrics.js';
import * as messaging from './pages/messaging.js';

const pages = { resources, console: consolePage, logs, traces, trace, metrics, messaging };
const main = document.getElementById('page');
const liveBadge = document.getElementById('live');
let current = null;
let latestResources = null;

function parse() {
  const [path, search = ''] = location.hash.replace(/^#\/?/, '').split('?');
  const [name = 'resources', ...rest] = path.split('/').filter(Boolean).map(decodeURIComponent);
  const page = name === 'traces' && rest.length ? 'trace' : name;
  return { page: pages[page] ? page : 'resources', arg: rest[0], params: new URLSearchParams(search) };
}

function navigate() {
  current?.dispose?.();
  const { page, arg, params } = parse();
  document.querySelectorAll('.side a').forEach(a => a.classList.toggle('current', a.dataset.page === (page === 'trace' ? 'traces' : page)));
  main.replaceChildren();
  main.dataset.page = page;
  current = pages[page].render(main, { arg, params, resources: latestResources }) ?? null;
}

const stream = new EventSource('/api/live');
stream.addEventListener('open', () => { liveBadge.textContent = 'live'; liveBadge.classList.add('on'); });
stream.addEventListener('error', () => { liveBadge.textContent = 'reconnecting…'; liveBadge.classList.remove('on'); });
stream.addEventListener('resources', event => {
  latestResources = JSON.parse(event.data);
  current?.onResources?.(latestResources);
});
stream.addEventListener('telemetry', event => current?.onTelemetry?.(JSON.parse(event.data)));

window.addEventListener('hashchange', navigate);
navigate();
