// Small DOM helpers. Every text goes through textContent (never innerHTML), so nothing from the API is markup.

/** h('a', {href: '#/x', class: 'c'}, 'text', child, [more]) */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

/** Appends children to el, skipping null, undefined and false (Element.append would write "null"). */
export function add(el, ...children) {
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** Replaces the content of el. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/**
 * Makes el's children exactly `wanted` (in order) while moving as few as possible: an element already in place is
 * not touched, so focus, an open form or a screen reader's place in a live region survive an update.
 */
export function sync(el, wanted) {
  wanted.forEach((child, i) => {
    if (el.children[i] !== child) el.insertBefore(child, el.children[i] ?? null);
  });
  while (el.children.length > wanted.length) el.lastElementChild.remove();
}

/** "2026-12-01 17:20 UTC" (+ " · 3 h ago") for an ISO-8601 time, "never" for null. */
export function when(iso, { relative = true } = {}) {
  if (!iso) return 'never';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return String(iso);
  const abs = new Date(t).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
  return relative ? `${abs} · ${ago(t)}` : abs;
}

export function ago(t) {
  const s = Math.round((Date.now() - t) / 1000);
  if (s < 0) return 'in the future';
  if (s < 90) return `${s} s ago`;
  if (s < 5400) return `${Math.round(s / 60)} min ago`;
  if (s < 129600) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86400)} days ago`;
}

export function percent(share) {
  return share === null || share === undefined ? '–' : `${Math.round(share * 100)} %`;
}

/** A notice paragraph: kind 'error' (role alert) or 'info'. */
export function notice(text, kind = 'info') {
  return h('p', { class: `notice ${kind}`, role: kind === 'error' ? 'alert' : null }, text);
}

/** The hash route for a credential's page (ids hold ':' and '/', so they are URI-encoded). */
export function credentialHref(id) {
  return `#/credential/${encodeURIComponent(id)}`;
}
