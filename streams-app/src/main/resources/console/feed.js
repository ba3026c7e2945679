// The live alert feed: polls GET /api/v1/alerts?since=<newest eventTime seen> and tells its views.
import { ApiError, getJson, describe } from './api.js';

const POLL_MS = 3000;
const KEEP = 200;

const state = {
  alerts: [], // newest first, unique by alertId
  status: 'loading', // loading | live | unavailable | error
  message: '',
  fresh: new Set(), // alertIds that arrived after the first load
};
const views = new Set();
let timer = null;
let loaded = false;

export function feedState() {
  return state;
}

/** view(state) is called after every change until the returned function is called. */
export function subscribe(view) {
  views.add(view);
  view(state);
  return () => views.delete(view);
}

export function start() {
  if (timer === null) {
    poll();
    timer = setInterval(poll, POLL_MS);
  }
}

/** Forget everything (after a token change) and load again. */
export function restart() {
  state.alerts = [];
  state.fresh.clear();
  loaded = false;
  state.status = 'loading';
  if (timer !== null) clearInterval(timer);
  timer = null;
  start();
}

let polling = false;

async function poll() {
  if (polling || state.status === 'unavailable') return;
  polling = true;
  try {
    const newest = state.alerts.length ? state.alerts[0].eventTime : null;
    const page = await getJson('/api/v1/alerts', loaded && newest ? { since: newest, limit: 100 } : { limit: 50 });
    merge(page.alerts ?? []);
    loaded = true;
    state.status = 'live';
    state.message = '';
  } catch (e) {
    if (e instanceof ApiError && e.routeMissing) {
      state.status = 'unavailable';
      state.message = 'The alert feed is not available on this server (GET /api/v1/alerts answered '
        + `${e.status}); alerts still reach the alert topics.`;
      clearInterval(timer);
    } else {
      state.status = 'error';
      state.message = describe('Alert feed', e);
    }
  } finally {
    polling = false;
  }
  views.forEach((v) => v(state));
}

/**
 * After a triage decision: reads the alert again (GET /api/v1/alerts/{id}) until its status differs from `before`
 * (the decision goes through Kafka first), at most `tries` times a second apart; updates the views.
 */
export async function refreshAlert(alertId, before, tries = 20) {
  for (let i = 0; i < tries; i++) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    try {
      const a = await getJson(`/api/v1/alerts/${encodeURIComponent(alertId)}`);
      if (a.status !== before) {
        merge([a]);
        views.forEach((v) => v(state));
        return a;
      }
    } catch {
      // not readable right now (503 while rebalancing): try again
    }
  }
  return null;
}

function merge(incoming) {
  const byId = new Map(state.alerts.map((a) => [a.alertId, a]));
  for (const a of incoming) {
    if (!byId.has(a.alertId) && loaded) state.fresh.add(a.alertId);
    byId.set(a.alertId, a); // a newer copy carries the newer triage status
  }
  state.alerts = [...byId.values()]
    .sort((x, y) => (y.eventTime ?? '').localeCompare(x.eventTime ?? ''))
    .slice(0, KEEP);
}
