// Calls to this server's query API with the analyst's bearer token (kept in sessionStorage: this tab only).

const TOKEN_KEY = 'nhidrift.token';
const listeners = new Set();

export class ApiError extends Error {
  constructor(status, message, body) {
    super(message);
    this.status = status;
    this.body = body;
  }

  /** The route does not exist on this server (QueryServer answers unknown paths 404 "no such endpoint", 405 for others). */
  get routeMissing() {
    return this.status === 405 || (this.status === 404 && this.message === 'no such endpoint');
  }
}

export function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function setToken(value) {
  if (value) sessionStorage.setItem(TOKEN_KEY, value.trim());
  else sessionStorage.removeItem(TOKEN_KEY);
}

/**
 * A demo link carries the token in the fragment (#token=...): fragments never reach a server, a proxy or its logs.
 * It is moved into sessionStorage and removed from the address bar (and so from history and bookmarks).
 */
export function takeTokenFromFragment() {
  const m = /^#token=([^&]*)/.exec(location.hash);
  if (!m) return false;
  setToken(decodeURIComponent(m[1]));
  history.replaceState(null, '', `${location.pathname}${location.search}#/`);
  return true;
}

/** Called with the error message when the API answers 401 (no token, or a wrong one). */
export function onUnauthorized(listener) {
  listeners.add(listener);
}

function headers(extra = {}) {
  const t = token();
  return t ? { Authorization: `Bearer ${t}`, ...extra } : extra;
}

export function url(path, params = {}) {
  const u = new URL(path, location.origin);
  for (const [k, v] of Object.entries(params)) {
    if (v !== null && v !== undefined && v !== '') u.searchParams.set(k, v);
  }
  return u;
}

async function failure(res) {
  const text = await res.text();
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  const message = body && typeof body.error === 'string' ? body.error : `HTTP ${res.status}`;
  if (res.status === 401) listeners.forEach((l) => l(message));
  return new ApiError(res.status, message, body);
}

/** GET a JSON document; throws ApiError for any answer but 2xx. */
export async function getJson(path, params) {
  const res = await fetch(url(path, params), { headers: headers(), cache: 'no-store' });
  if (!res.ok) throw await failure(res);
  return res.json();
}

/** GET a document as text, with the file name its Content-Disposition suggests. */
export async function getText(path, params) {
  const res = await fetch(url(path, params), { headers: headers(), cache: 'no-store' });
  if (!res.ok) throw await failure(res);
  const disposition = res.headers.get('Content-Disposition') ?? '';
  const name = /filename="?([^";]+)"?/.exec(disposition);
  return { text: await res.text(), filename: name ? name[1] : null, type: res.headers.get('Content-Type') ?? 'text/plain' };
}

/** POST a JSON body; resolves with the JSON answer. */
export async function postJson(path, body) {
  const res = await fetch(url(path), {
    method: 'POST',
    headers: headers({ 'Content-Type': 'application/json' }),
    body: JSON.stringify(body),
    cache: 'no-store',
  });
  if (!res.ok) throw await failure(res);
  const text = await res.text();
  return text ? JSON.parse(text) : null;
}

/** Message for an error in a view: what failed and what the server said. */
export function describe(what, e) {
  if (e instanceof ApiError) {
    if (e.routeMissing) return `${what}: not available on this server.`;
    if (e.status === 503) return `${what}: the service is not ready yet (${e.body?.reason ?? e.message}); it will be retried.`;
    return `${what}: ${e.message} (HTTP ${e.status}).`;
  }
  return `${what}: ${e?.message ?? e}`;
}
