// Entry point: takes the token, routes #/, #/credential/{id} and #/alerts, and starts the live alert feed.
import { takeTokenFromFragment, token, setToken, onUnauthorized } from './api.js';
import { overviewPage } from './overview.js';
import { credentialPage } from './credential.js';
import { alertsPage } from './alerts.js';
import * as feed from './feed.js';

const main = document.getElementById('view');
const prompt = document.getElementById('token-prompt');
const forget = document.getElementById('forget-token');

function route() {
  const hash = location.hash.replace(/^#/, '') || '/';
  const [path, qs] = hash.split('?');
  const query = new URLSearchParams(qs ?? '');
  document.querySelectorAll('[data-nav]').forEach((a) => a.removeAttribute('aria-current'));
  if (path.startsWith('/credential/')) {
    credentialPage(main, decodeURIComponent(path.slice('/credential/'.length)));
  } else if (path === '/alerts') {
    document.querySelector('[data-nav=alerts]').setAttribute('aria-current', 'page');
    alertsPage(main);
  } else {
    document.querySelector('[data-nav=home]').setAttribute('aria-current', 'page');
    overviewPage(main, query);
  }
}

function showPrompt(refused) {
  const said = document.getElementById('token-refused');
  said.textContent = refused ?? '';
  said.hidden = !refused;
  prompt.hidden = false;
  document.getElementById('token-input').focus();
}

onUnauthorized((message) => {
  if (prompt.hidden) showPrompt(token() ? `The server refused the token: ${message}.` : null);
});

document.getElementById('token-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const input = document.getElementById('token-input');
  setToken(input.value);
  input.value = '';
  prompt.hidden = true;
  forget.hidden = false;
  feed.restart();
  route();
});

forget.addEventListener('click', () => {
  setToken(null);
  location.reload();
});

window.addEventListener('hashchange', () => {
  if (takeTokenFromFragment()) { // a demo link opened in a tab that already shows the console
    prompt.hidden = true;
    forget.hidden = false;
    feed.restart();
  }
  route();
});

takeTokenFromFragment();
forget.hidden = !token();
feed.start();
route();
