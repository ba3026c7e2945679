// #/ : the fleet summary (what an access review starts from), the riskiest credentials, the table and the live feed.
import { getJson, describe } from './api.js';
import { h, fill, percent, notice, credentialHref } from './dom.js';
import { credentialTable } from './table.js';
import { feedPanel } from './alerts.js';

export function overviewPage(main, query) {
  const summary = h('section', { class: 'panel', id: 'summary', 'aria-labelledby': 'summary-title' },
    h('h2', { id: 'summary-title' }, 'Fleet summary'), h('p', { class: 'muted' }, 'Loading…'));
  const risky = h('section', { class: 'panel', id: 'top-risk', 'aria-labelledby': 'risk-title' },
    h('h2', { id: 'risk-title' }, 'Riskiest credentials'), h('p', { class: 'muted' }, 'Loading…'));
  fill(main,
    h('div', { class: 'overview' },
      h('div', { class: 'main-column' }, summary, risky),
      h('div', { class: 'side-column' }, feedPanel(5))),
    credentialTable(query));
  loadSummary(summary, risky);
}

async function loadSummary(summary, risky) {
  try {
    const s = await getJson('/api/v1/summary');
    fill(summary, h('h2', { id: 'summary-title' }, 'Fleet summary'),
      s.partial ? notice('Some instances did not answer: the counts may be low.') : null,
      h('dl', { class: 'cards' },
        card('Credentials', s.credentials, 'credentials'),
        card('Idle', s.idle, 'idle'),
        card('Never used', s.neverUsed, 'neverUsed'),
        card('Unowned', s.unowned, 'unowned'),
        card('Granted but unused', percent(s.unusedGrantShare), 'unusedGrantShare')),
      h('div', { class: 'twin' }, counts('By kind', s.byKind, 'kind'), counts('By status', s.byStatus, 'status')));
    const top = s.topRisk ?? [];
    fill(risky, h('h2', { id: 'risk-title' }, 'Riskiest credentials'),
      top.length
        ? h('ol', { class: 'risk-list' }, top.map((c) => h('li', {},
          h('span', { class: 'risk-score', 'aria-label': `risk ${c.riskScore} of 100` }, c.riskScore ?? '–'), ' ',
          h('a', { href: credentialHref(c.credentialId) }, c.credentialId),
          h('span', { class: 'muted small' }, ` ${c.kind ?? ''}${c.owner ? ` · ${c.owner}` : ' · unowned'}`))))
        : h('p', { class: 'muted' }, 'No credential has a risk score yet.'),
      h('p', { class: 'muted small' }, 'Open one to see what it uses versus what it is granted, and its least-privilege policy.'));
  } catch (e) {
    fill(summary, h('h2', { id: 'summary-title' }, 'Fleet summary'), notice(describe('Fleet summary', e), 'info'));
    fill(risky, h('h2', { id: 'risk-title' }, 'Riskiest credentials'),
      h('p', { class: 'muted' }, 'Sort the table by risk (the default) to find them.'));
  }
}

function card(label, value, field) {
  return h('div', { class: 'card' }, h('dt', {}, label), h('dd', { 'data-field': field }, value ?? '–'));
}

function counts(title, map, filter) {
  const entries = Object.entries(map ?? {}).sort((a, b) => b[1] - a[1]);
  return h('div', {}, h('h3', {}, title),
    entries.length
      ? h('ul', { class: 'counts' }, entries.map(([k, n]) => h('li', {},
        h('a', { href: `#/?${filter}=${encodeURIComponent(k)}` }, k), ` ${n}`)))
      : h('p', { class: 'muted' }, 'none'));
}
