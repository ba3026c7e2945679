// #/credential/{id}: one credential: what it is, granted versus used, callers, alerts, recommendation.
import { getJson, describe, ApiError } from './api.js';
import { h, fill, add, when, notice } from './dom.js';
import { alertItem } from './alerts.js';
import { recommendationPanel } from './recommendation.js';

export async function credentialPage(main, id) {
  fill(main, h('p', {}, h('a', { href: '#/' }, '← All credentials')), h('h2', { class: 'credential-id' }, id),
    h('p', { class: 'muted' }, 'Loading…'));
  let c;
  try {
    c = await getJson(`/api/v1/credentials/${encodeURIComponent(id)}`);
  } catch (e) {
    const text = e instanceof ApiError && e.status === 404 && !e.routeMissing
      ? 'No such credential: neither the inventory nor any log event has named it.' : describe('Credential', e);
    fill(main, h('p', {}, h('a', { href: '#/' }, '← All credentials')), h('h2', { class: 'credential-id' }, id), notice(text, 'error'));
    return;
  }
  const inv = c.inventory ?? {};
  const alerts = h('section', { class: 'panel', id: 'credential-alerts', 'aria-labelledby': 'alerts-title' },
    h('h2', { id: 'alerts-title' }, 'Alerts'), h('p', { class: 'muted' }, 'Loading…'));
  fill(main,
    h('p', {}, h('a', { href: '#/' }, '← All credentials')),
    h('h2', { class: 'credential-id' }, c.credentialId),
    facts(c, inv),
    h('div', { class: 'credential' },
      h('div', { class: 'main-column' }, grantedVersusUsed(c, inv), recommendationPanel(c.credentialId, c.recommendation)),
      h('div', { class: 'side-column' }, risk(c.risk), callers(c.callers), alerts)));
  loadAlerts(alerts, c.credentialId);
}

function facts(c, inv) {
  const row = (k, v) => [h('dt', {}, k), h('dd', {}, v ?? '–')];
  return h('dl', { class: 'facts' },
    row('Kind', inv.kind ?? (c.known ? null : `not in the inventory (${c.identityClass ?? 'unknown'} identity)`)),
    row('Owner', inv.owner ?? h('em', {}, 'unowned')), c.team ? row('Team', c.team) : null,
    row('Status', c.status ? h('span', { class: `badge status-${c.status}` }, c.status) : null),
    row('Purpose', inv.purpose), row('Last seen', when(c.lastSeen)), row('First seen', when(c.firstSeen)),
    row('Uses', `${c.useCount ?? 0} (${c.deniedCount ?? 0} denied)`),
    inv.createdAt ? row('Created', when(inv.createdAt)) : null, inv.expiresAt ? row('Expires', when(inv.expiresAt)) : null,
    inv.rotationDays ? row('Rotate every', `${inv.rotationDays} days`) : null,
    inv.revokedAt ? row('Revoked', when(inv.revokedAt)) : null);
}

function risk(r) {
  if (!r) return null;
  if (r.score === null || r.score === undefined) {
    return h('section', { class: 'panel', id: 'risk', 'aria-labelledby': 'riskp-title' },
      h('h2', { id: 'riskp-title' }, 'Risk'), h('p', { class: 'muted' }, 'Not scored: this server has no risk model.'));
  }
  return h('section', { class: 'panel', id: 'risk', 'aria-labelledby': 'riskp-title' },
    h('h2', { id: 'riskp-title' }, 'Risk ', h('span', { class: 'risk-score', 'data-field': 'risk-score' }, r.score)),
    h('ul', { class: 'factors' }, (r.factors ?? []).map((f) => h('li', {}, h('strong', {}, `+${f.points} `), f.name,
      f.detail ? h('span', { class: 'muted' }, ` – ${f.detail}`) : ''))));
}

/** Granted versus used: per grant pattern the actions used under it, and the ones used outside every grant. */
function grantedVersusUsed(c, inv) {
  const section = h('section', { class: 'panel', id: 'granted-vs-used', 'aria-labelledby': 'gvu-title' },
    h('h2', { id: 'gvu-title' }, 'Granted versus used'));
  if (!c.grants) return usedWithoutMatching(section, c, inv);
  add(section, h('table', {},
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Granted pattern'), h('th', { scope: 'col' }, 'Actions used under it'),
      h('th', { scope: 'col' }, 'Last used'))),
    h('tbody', {}, c.grants.length ? c.grants.map((g) => h('tr', { class: g.neverUsed ? 'never-used' : '', dataset: { grant: g.pattern } },
      h('th', { scope: 'row' }, h('code', {}, g.pattern)),
      h('td', {}, g.neverUsed ? h('span', { class: 'badge unused' }, 'never used') : h('ul', { class: 'actions' },
        (g.actions ?? []).map((a) => h('li', {}, h('code', {}, a.action), h('span', { class: 'muted' }, ` ×${a.count}`))))),
      h('td', {}, g.neverUsed ? '–' : when(g.lastUsed))))
      : h('tr', {}, h('td', { colspan: 3, class: 'muted' }, 'No grants in the inventory.')))));
  const outside = c.usedOutsideGrants ?? [];
  if (outside.length) {
    add(section, h('h3', {}, 'Used outside every grant'), h('ul', { class: 'actions outside' },
      outside.map((a) => h('li', {}, h('code', {}, a.action), h('span', { class: 'muted' }, ` ×${a.count}, last ${when(a.lastUsed)}`)))));
  }
  return section;
}

/** A server without the per-grant view: the grants, and apart from them the actions used with whether in scope. */
function usedWithoutMatching(section, c, inv) {
  add(section, notice('This server does not match uses to grants; the grants and the actions used are listed apart.'),
    h('h3', {}, 'Granted'), h('ul', { class: 'actions' }, (inv.grants ?? []).map((g) => h('li', {}, h('code', {}, g)))),
    h('h3', {}, 'Used'), h('table', {},
      h('thead', {}, h('tr', {}, ['Action', 'Count', 'Last used', 'In scope'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, (c.actionsUsed ?? []).map((a) => h('tr', {}, h('th', { scope: 'row' }, h('code', {}, a.action)),
        h('td', { class: 'num' }, a.count), h('td', {}, when(a.lastSeen)),
        h('td', {}, a.inScope === false ? h('span', { class: 'badge sev-high' }, 'outside grants') : a.inScope ? 'yes' : '–'))))));
  return section;
}

function callers(cl) {
  const list = (title, m) => {
    const entries = Object.entries(m ?? {}).sort((a, b) => (b[1] ?? '').localeCompare(a[1] ?? ''));
    return [h('h3', {}, title), entries.length
      ? h('ul', { class: 'callers' }, entries.map(([k, t]) => h('li', {}, h('code', {}, k), h('span', { class: 'muted small' }, ` since ${when(t)}`))))
      : h('p', { class: 'muted' }, 'none seen')];
  };
  return h('section', { class: 'panel', id: 'callers', 'aria-labelledby': 'callers-title' },
    h('h2', { id: 'callers-title' }, 'Callers'), h('p', { class: 'muted small' }, 'Where it was called from and with what, since when.'),
    list('Networks', cl?.networks), list('Agent families', cl?.agents));
}

async function loadAlerts(section, id) {
  try {
    const answer = await getJson(`/api/v1/credentials/${encodeURIComponent(id)}/alerts`);
    const list = answer.alerts ?? [];
    fill(section, h('h2', { id: 'alerts-title' }, 'Alerts'),
      list.length ? h('ol', { class: 'alerts' }, list.map((a) => alertItem(a, { triage: true })))
        : h('p', { class: 'muted' }, 'No alert for this credential.'));
  } catch (e) {
    fill(section, h('h2', { id: 'alerts-title' }, 'Alerts'), notice(describe("This credential's alerts", e)));
  }
}
