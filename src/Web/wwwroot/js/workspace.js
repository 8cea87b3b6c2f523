// The workspace's only script: the NHS.UK frontend's components, the NHS number checked as it is typed
// (with a warning when the person already has an open referral), the inactivity warning, and live pages.
// Pages work without it: every check is made again on the server.
import { initAll } from '../nhsuk/nhsuk-frontend.min.js';

document.body.classList.add('js-enabled');
if ('noModule' in HTMLScriptElement.prototype) {
  document.body.classList.add('nhsuk-frontend-supported');
}
initAll();

/** The modulus 11 check digit of the NHS number (NHS Data Dictionary). */
export function isValidNhsNumber(value) {
  const digits = value.replace(/[\s-]/g, '');
  if (!/^\d{10}$/.test(digits)) {
    return false;
  }
  let total = 0;
  for (let i = 0; i < 9; i++) {
    total += Number(digits[i]) * (10 - i);
  }
  const check = 11 - (total % 11);
  const expected = check === 11 ? 0 : check;
  return expected !== 10 && expected === Number(digits[9]);
}

function antiforgeryToken(element) {
  return element.closest('form')?.querySelector('input[name="__RequestVerificationToken"]')?.value ?? '';
}

for (const input of document.querySelectorAll('input[data-nhs-number]')) {
  const status = document.getElementById(input.dataset.nhsNumber);
  let asked = '';
  const check = async () => {
    const digits = input.value.replace(/[\s-]/g, '');
    if (digits.length < 10) {
      status.textContent = '';
      return;
    }
    if (!isValidNhsNumber(digits)) {
      status.textContent = 'This is not a valid NHS number. Check each digit.';
      return;
    }
    status.textContent = 'This is a valid NHS number.';
    if (!input.dataset.duplicateCheck || asked === digits) {
      return;
    }
    asked = digits;
    // The NHS number goes in the body, never in an address.
    const answer = await fetch(input.dataset.duplicateCheck, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', RequestVerificationToken: antiforgeryToken(input) },
      body: JSON.stringify({ nhsNumber: digits }),
    });
    if (answer.ok && input.value.replace(/[\s-]/g, '') === digits) {
      const open = await answer.json();
      if (open.referralId) {
        status.textContent = '';
        const warning = document.createElement('span');
        warning.textContent = `This person already has an open referral, received ${open.received}. `;
        const link = document.createElement('a');
        link.href = `/referrals/${open.referralId}`;
        link.textContent = 'View the open referral';
        status.append('This is a valid NHS number. ', warning, link);
      }
    }
  };
  input.addEventListener('input', check);
  check();
}

const inactivitySeconds = Number(document.body.dataset.inactivitySeconds || 0);
const warningSeconds = Number(document.body.dataset.warningSeconds || 120);
const dialog = document.getElementById('inactivity-warning');
if (inactivitySeconds > 0 && dialog) {
  const heading = document.getElementById('inactivity-heading');
  const countdown = document.getElementById('inactivity-countdown');
  const stay = document.getElementById('inactivity-stay');
  const leave = document.getElementById('inactivity-leave');
  let timers = [];
  let returnFocus = null;

  const signOut = () => {
    const form = document.getElementById('sign-out-form');
    form.querySelector('input[name="reason"]').value = 'inactive';
    form.submit();
  };
  const describe = (seconds) => (seconds >= 60
    ? `${Math.ceil(seconds / 60)} minute${Math.ceil(seconds / 60) === 1 ? '' : 's'}`
    : `${seconds} second${seconds === 1 ? '' : 's'}`);
  const show = () => {
    returnFocus = document.activeElement;
    // The server signs out at the full time; the page a few seconds earlier, so its sign-out still counts.
    let left = warningSeconds - 5;
    countdown.textContent = describe(left);
    dialog.hidden = false;
    heading.focus();
    timers.push(setInterval(() => {
      left -= 1;
      countdown.textContent = describe(Math.max(left, 0));
    }, 1000));
  };
  const start = () => {
    timers.forEach(clearTimeout);
    timers.forEach(clearInterval);
    timers = [
      setTimeout(show, (inactivitySeconds - warningSeconds) * 1000),
      setTimeout(signOut, (inactivitySeconds - 5) * 1000),
    ];
  };

  stay.addEventListener('click', async () => {
    await fetch('/account/keep-alive', { method: 'POST' });
    dialog.hidden = true;
    returnFocus?.focus();
    start();
  });
  leave.addEventListener('click', signOut);
  // Keyboard users stay within the warning while it is open; Escape means "stay signed in".
  dialog.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      stay.click();
    } else if (event.key === 'Tab') {
      const first = stay;
      const last = leave;
      if (event.shiftKey && document.activeElement === first) {
        last.focus();
        event.preventDefault();
      } else if (!event.shiftKey && document.activeElement === last) {
        first.focus();
        event.preventDefault();
      }
    }
  });
  start();
}

// Live pages: the server says when something this page shows has changed (GET /live, server-sent events, ids
// only). The page reads itself again and swaps its content in, announced to screen readers; if the user has
// typed into a form, nothing is swapped: they are told the page has changed, and lose nothing.
if (inactivitySeconds > 0 && 'EventSource' in window) {
  const main = document.getElementById('maincontent');
  let typed = false;
  document.addEventListener('input', () => { typed = true; });
  const announcer = document.createElement('div');
  announcer.className = 'nhsuk-u-visually-hidden';
  announcer.setAttribute('aria-live', 'polite');
  document.body.append(announcer);

  const notice = (text) => {
    main.querySelector('.caremesh-live-notice')?.remove();
    const inset = document.createElement('div');
    inset.className = 'nhsuk-inset-text caremesh-live-notice';
    const p = document.createElement('p');
    p.textContent = text;
    inset.append(p);
    main.prepend(inset);
    announcer.textContent = text;
  };

  const source = new EventSource(`/live?page=${encodeURIComponent(location.pathname)}`);
  source.addEventListener('ready', () => { document.body.dataset.live = 'listening'; });
  source.addEventListener('changed', async (event) => {
    const { what } = JSON.parse(event.data);
    if (typed) {
      notice(`${what} This page has changed since you opened it: save what you have typed, then reload the page to see the change.`);
      return;
    }
    const answer = await fetch(location.href, { headers: { 'CareMesh-Live': 'refresh' } });
    const fresh = answer.ok && !answer.redirected
      ? new DOMParser().parseFromString(await answer.text(), 'text/html').getElementById('maincontent')
      : null;
    if (!fresh) {
      notice(`${what} Reload the page to see the change.`);
      return;
    }
    main.replaceChildren(...fresh.childNodes);
    initAll(main);
    notice(`Updated just now. ${what}`);
  });
}
