// Alerts: one item's rendering, the live feed panel of the overview and the full alerts page.
import { h, fill, sync, when, notice, credentialHref } from './dom.js';
import { subscribe } from './feed.js';
import { triageControls } from './triage.js';

/** One alert: severity, type, credential, time, summary; evidence and remediation folded; triage if asked. */
export function alertItem(a, { fresh = false, triage = false } = {}) {
  const sev = String(a.severity ?? 'unknown').toLowerCase();
  return h('li', { class: `alert sev-${sev}${fresh ? ' fresh' : ''}`, dataset: { alertId: a.alertId, credential: a.credentialId ?? '' } },
    h('div', { class: 'alert-head' },
      h('span', { class: `badge sev-${sev}` }, a.severity ?? '?'), ' ',
      h('strong', {}, a.type ?? 'ALERT'), ' ',
      a.credentialId ? h('a', { href: credentialHref(a.credentialId) }, a.credentialId) : null,
      fresh ? h('span', { class: 'badge new' }, 'new') : null),
    h('p', { class: 'summary' }, a.summary ?? ''),
    h('p', { class: 'muted small' }, when(a.eventTime), a.owner ? ` · owner ${a.owner}` : '',
      a.riskScore !== undefined && a.riskScore !== null ? ` · risk ${a.riskScore}` : ''),
    h('details', {},
      h('summary', {}, 'Evidence and remediation'),
      a.remediation ? h('p', {}, h('strong', {}, 'Remediation: '), a.remediation) : null,
      h('pre', { class: 'evidence' }, JSON.stringify(a.evidence ?? {}, null, 2))),
    triage ? triageControls(a) : null);
}

/** The overview's live feed (newest first, a few). */
export function feedPanel(limit = 12) {
  const status = h('p', { class: 'muted small', role: 'status' });
  const problem = h('div');
  const list = h('ol', { class: 'alerts', 'aria-live': 'polite', 'aria-relevant': 'additions', id: 'live-feed' });
  const panel = h('section', { class: 'panel feed', 'aria-labelledby': 'feed-title' },
    h('h2', { id: 'feed-title' }, 'Live alerts'), status, problem, list,
    h('p', {}, h('a', { href: '#/alerts' }, 'All alerts, with triage →')));
  let shown = new Map(); // alertId -> rendered item, kept while the alert is unchanged
  whileShown(panel, (s) => {
    fill(status, statusLine(s));
    fill(problem, s.message ? notice(s.message, s.status === 'error' ? 'error' : 'info') : null);
    const next = new Map();
    for (const a of s.alerts.slice(0, limit)) {
      const key = JSON.stringify([a.status, a.triage, s.fresh.has(a.alertId)]);
      const old = shown.get(a.alertId);
      next.set(a.alertId, old && old.key === key ? old : { key, el: alertItem(a, { fresh: s.fresh.has(a.alertId) }) });
    }
    shown = next;
    sync(list, [...next.values()].map((v) => v.el));
  });
  return panel;
}

/** Feeds view(state) from the live feed until el has left the page (the first call comes before it is shown). */
function whileShown(el, view) {
  let started = false;
  const unsubscribe = subscribe((s) => {
    if (started && !el.isConnected) {
      unsubscribe();
      return;
    }
    started = true;
    view(s);
  });
}

function statusLine(s) {
  switch (s.status) {
    case 'loading': return 'Loading alerts…';
    case 'live': return `Updating every few seconds · ${s.alerts.length} recent alert(s)`;
    case 'unavailable': return 'Not available on this server.';
    default: return 'Alert feed interrupted; retrying.';
  }
}

/** #/alerts: every recent alert, with triage. */
export function alertsPage(main) {
  const status = h('p', { class: 'muted', role: 'status' });
  const problem = h('div');
  const list = h('ol', { class: 'alerts', 'aria-live': 'polite', 'aria-relevant': 'additions', id: 'alert-list' });
  fill(main, h('h2', {}, 'Alerts'), h('p', { class: 'muted' }, 'Newest first; new ones appear as the service raises them.'),
    status, problem, list);
  let shown = new Map(); // alertId -> rendered item; re-rendered only when the alert changed
  whileShown(list, (s) => {
    fill(status, statusLine(s));
    fill(problem, s.message ? notice(s.message, s.status === 'error' ? 'error' : 'info') : null);
    const next = new Map();
    for (const a of s.alerts) {
      const key = JSON.stringify([a.status, a.triage, s.fresh.has(a.alertId)]);
      const old = shown.get(a.alertId);
      next.set(a.alertId, old && old.key === key ? old : { key, el: alertItem(a, { fresh: s.fresh.has(a.alertId), triage: true }) });
    }
    shown = next;
    sync(list, [...next.values()].map((v) => v.el));
  });
}
