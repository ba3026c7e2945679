// The credential table: filters, sorting and cursor paging over GET /api/v1/credentials (cluster-wide).
import { ApiError, getJson, describe } from './api.js';
import { h, fill, when, ago, percent, notice, credentialHref } from './dom.js';

const KINDS = ['aws_access_key', 'aws_role', 'gcp_service_account', 'k8s_service_account', 'api_key', 'oauth_client',
  'azure_service_principal', 'github_token', 'other'];
const STATUSES = ['active', 'idle', 'dormant', 'unknown', 'revoked', 'expired'];
const FILTERS = ['kind', 'owner', 'team', 'status', 'hasOpenAlerts', 'source'];
const PAGE = 25;

/** The table section; `query` holds the filters and sorting from the address (#/?kind=aws_role&sort=risk). */
export function credentialTable(query) {
  const params = { sort: 'risk', order: 'desc' };
  for (const k of [...FILTERS, 'sort', 'order']) if (query.get(k)) params[k] = query.get(k);
  const cursors = [null]; // cursors[i] = the cursor of page i
  let page = 0;
  let legacy = false; // the server knows only ?limit=&after= (no filters, no sorting)

  const status = h('p', { class: 'muted small', role: 'status', id: 'table-status' });
  const problem = h('div');
  const body = h('tbody', { id: 'credential-rows' });
  const head = h('tr');
  const prev = h('button', { type: 'button', onclick: () => go(page - 1) }, '← Previous');
  const next = h('button', { type: 'button', onclick: () => go(page + 1) }, 'Next →');
  const form = filterForm(params, () => {
    cursors.length = 1;
    go(0);
  });
  const section = h('section', { class: 'panel', 'aria-labelledby': 'table-title' },
    h('h2', { id: 'table-title' }, 'Credentials'),
    form, status, problem,
    h('div', { class: 'scroll' }, h('table', { class: 'credentials' },
      h('caption', { class: 'sr-only' }, 'Credentials; sortable by risk, last seen and unused grant share'),
      h('thead', {}, head), body)),
    h('div', { class: 'pager' }, prev, next));

  function headers() {
    const th = (label, key) => {
      if (!key || legacy) return h('th', { scope: 'col' }, label);
      const active = params.sort === key;
      const order = active && params.order === 'desc' ? 'asc' : 'desc';
      return h('th', { scope: 'col', 'aria-sort': active ? (params.order === 'asc' ? 'ascending' : 'descending') : 'none' },
        h('button', { type: 'button', class: 'sort', 'data-sort': key, onclick: () => {
          params.sort = key;
          params.order = order;
          cursors.length = 1;
          go(0);
        } }, label, active ? (params.order === 'asc' ? ' ▲' : ' ▼') : ''));
    };
    fill(head, th('Credential'), th('Kind'), th('Owner / team'), th('Status'), th('Risk', 'risk'),
      th('Last seen', 'lastSeen'), th('Unused grants', 'unusedShare'), th('Grants used'), th('Open alerts'), th('Sources'));
  }

  async function go(n) {
    page = n;
    headers();
    remember(params);
    fill(status, 'Loading…');
    prev.disabled = true;
    next.disabled = true;
    try {
      const answer = legacy
        ? await getJson('/api/v1/credentials', { limit: PAGE, after: cursors[page] })
        : await getJson('/api/v1/credentials', { ...params, limit: PAGE, cursor: cursors[page] });
      if (!section.isConnected) return;
      const rows = answer.credentials ?? [];
      fill(problem, legacy ? notice('This server lists only the credentials its own instance holds, by id, without filters,'
        + ' sorting or risk.') : answer.partial ? notice('Some instances did not answer: this page may be incomplete.') : null);
      fill(body, ...rows.map(row));
      if (!rows.length) fill(body, h('tr', {}, h('td', { colspan: 10, class: 'muted' }, 'No credential matches these filters.')));
      cursors[page + 1] = answer.next ?? null;
      prev.disabled = page === 0;
      next.disabled = !answer.next;
      fill(status, `Page ${page + 1} · ${rows.length} credential(s)`
        + (answer.scope === 'cluster' ? ` · all ${answer.instances ?? ''} instance(s)`.replace('  ', ' ') : ''));
    } catch (e) {
      if (!legacy && e instanceof ApiError && e.status === 400 && /^unknown query parameter/.test(e.message)) {
        legacy = true; // a server before the cluster-wide list: ids of this instance only, paged by id
        form.hidden = true;
        go(0);
        return;
      }
      fill(status, '');
      fill(problem, notice(describe('Credential list', e), 'error'));
      fill(body);
    }
  }

  go(0);
  return section;
}

function row(c) {
  const pill = (text, cls) => h('span', { class: `badge ${cls}` }, text);
  return h('tr', { dataset: { credential: c.credentialId } },
    h('th', { scope: 'row', class: 'id' }, h('a', { href: credentialHref(c.credentialId) }, c.credentialId)),
    h('td', {}, c.kind ?? '–'),
    h('td', {}, c.owner ?? h('em', {}, 'unowned'), c.team && c.team !== c.owner ? h('span', { class: 'muted' }, ` / ${c.team}`) : ''),
    h('td', {}, pill(c.status ?? 'unknown', `status-${c.status ?? 'unknown'}`)),
    h('td', { class: 'num', 'data-field': 'risk' }, c.riskScore ?? '–'),
    h('td', { 'data-field': 'lastSeen', 'data-value': c.lastSeen ?? '', title: when(c.lastSeen, { relative: false }) },
      c.lastSeen ? ago(Date.parse(c.lastSeen)) : 'never'),
    h('td', { class: 'num' }, percent(c.unusedShare)),
    h('td', { class: 'num' }, c.grantCount === undefined ? '–' : `${c.usedGrantCount ?? 0} of ${c.grantCount}`),
    h('td', { class: 'num' }, c.openAlerts ? pill(String(c.openAlerts), 'sev-high') : '0'),
    h('td', {}, (c.sources ?? []).join(', ')));
}

function filterForm(params, apply) {
  const select = (name, label, options) => {
    const s = h('select', { id: `f-${name}`, name },
      options.map(([v, text]) => h('option', { value: v, selected: (params[name] ?? '') === v }, text)));
    s.addEventListener('change', () => {
      set(name, s.value);
      apply();
    });
    return [h('label', { for: s.id }, label), s];
  };
  const text = (name, label, placeholder) => {
    const i = h('input', { id: `f-${name}`, name, value: params[name] ?? '', placeholder, type: 'search' });
    return [h('label', { for: i.id }, label), i];
  };
  const set = (name, value) => {
    if (value) params[name] = value;
    else delete params[name];
  };
  const form = h('form', { class: 'filters', 'aria-label': 'Filter credentials' },
    select('kind', 'Kind', [['', 'any'], ...KINDS.map((k) => [k, k])]),
    text('owner', 'Owner', 'team-data'),
    text('team', 'Team', ''),
    select('status', 'Status', [['', 'any'], ...STATUSES.map((s) => [s, s])]),
    select('hasOpenAlerts', 'Open alerts', [['', 'any'], ['true', 'has open alerts'], ['false', 'none open']]),
    text('source', 'Source', 'cloudtrail'),
    h('button', { type: 'submit' }, 'Apply'),
    h('span', { class: 'muted small' }, ' Sort by clicking Risk, Last seen or Unused grants.'));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    for (const name of ['owner', 'team', 'source']) set(name, form.elements[name].value.trim());
    apply();
  });
  return form;
}

/** Keeps the filters in the address, so that a view can be bookmarked or shared (without reloading anything). */
function remember(params) {
  const q = new URLSearchParams(Object.entries(params).filter(([, v]) => v));
  history.replaceState(null, '', `${location.pathname}#/?${q}`);
}

