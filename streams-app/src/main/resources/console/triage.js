// Triage buttons for an alert (POST /api/v1/alerts/{alertId}/triage); read-only when the server has no such route.
import { ApiError, postJson, describe } from './api.js';
import { h, fill } from './dom.js';
import { refreshAlert } from './feed.js';

const ACTIONS = [
  { action: 'acknowledge', label: 'Acknowledge' },
  { action: 'resolve', label: 'Resolve' },
  { action: 'suppress', label: 'Suppress…' },
];
const ANALYST_KEY = 'nhidrift.analyst';
let availability = 'unknown'; // unknown | available | missing | forbidden
let availabilityMessage = '';

/** The triage area of one alert: its status and decisions, and the buttons (or why there are none). */
export function triageControls(alert) {
  const box = h('div', { class: 'triage' });
  const history = (alert.triage ?? []).map((t) => h('li', {}, `${t.action} by ${t.by ?? '?'}`,
    t.reason ? ` (“${t.reason}”)` : '', t.expiresAt ? `, until ${t.expiresAt}` : ''));
  box.append(h('p', { class: 'status' }, 'Status: ', h('strong', { 'data-field': 'alert-status' }, alert.status ?? 'open')));
  if (history.length) box.append(h('ul', { class: 'decisions' }, history));
  const area = h('div', { class: 'triage-actions' });
  box.append(area);
  buttons(area, alert);
  return box;
}

function buttons(area, alert) {
  if (availability === 'missing' || availability === 'forbidden') {
    fill(area, h('p', { class: 'muted' }, availabilityMessage));
    return;
  }
  fill(area, ...ACTIONS.map(({ action, label }) => h('button', {
    type: 'button', class: 'small', 'data-action': action,
    'aria-label': `${label.replace('…', '')} alert ${alert.type} on ${alert.credentialId}`,
    onclick: () => form(area, alert, action),
  }, label)));
}

function form(area, alert, action) {
  const analyst = h('input', { id: `by-${alert.alertId}`, required: true, value: sessionStorage.getItem(ANALYST_KEY) ?? '' });
  const reason = h('input', { id: `reason-${alert.alertId}`, required: true });
  const until = h('input', { id: `until-${alert.alertId}`, type: 'date', required: true, value: weekFromNow() });
  const status = h('p', { class: 'muted', role: 'status' });
  const f = h('form', { class: 'triage-form' },
    h('label', { for: analyst.id }, 'Your name'), analyst,
    h('label', { for: reason.id }, 'Reason'), reason,
    action === 'suppress' ? [h('label', { for: until.id }, 'Suppress until'), until] : null,
    h('button', { type: 'submit' }, action === 'suppress' ? 'Suppress' : action[0].toUpperCase() + action.slice(1)),
    h('button', { type: 'button', class: 'link', onclick: () => buttons(area, alert) }, 'Cancel'),
    status);
  f.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    sessionStorage.setItem(ANALYST_KEY, analyst.value.trim());
    const body = { action, by: analyst.value.trim(), reason: reason.value.trim() };
    if (action === 'suppress') body.expiresAt = new Date(`${until.value}T00:00:00Z`).toISOString().replace('.000', '');
    fill(status, 'Sending…');
    try {
      await postJson(`/api/v1/alerts/${encodeURIComponent(alert.alertId)}/triage`, body);
      availability = 'available';
      const sent = h('p', { class: 'ok', role: 'status' }, `${action} sent by ${body.by}; the status changes once the service`
        + ' has processed it.');
      fill(area, sent);
      const updated = await refreshAlert(alert.alertId, alert.status ?? 'open');
      if (updated && area.isConnected) {
        const shown = area.closest('.triage')?.querySelector('[data-field=alert-status]');
        if (shown) fill(shown, updated.status);
        fill(sent, `${action} recorded by ${body.by}.`);
      }
    } catch (e) {
      if (e instanceof ApiError && e.routeMissing) {
        availability = 'missing';
        availabilityMessage = 'Alert triage is not available on this server (read-only).';
        buttons(area, alert);
      } else if (e instanceof ApiError && e.status === 403) {
        availability = 'forbidden';
        availabilityMessage = 'This token may read but not triage: use a token with the triage role.';
        buttons(area, alert);
      } else {
        fill(status, describe('Triage', e));
      }
    }
  });
  fill(area, f);
  analyst.value ? reason.focus() : analyst.focus();
}

function weekFromNow() {
  return new Date(Date.now() + 7 * 86400000).toISOString().slice(0, 10);
}
