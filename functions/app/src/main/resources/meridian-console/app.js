// The console's shell: sign-in, the hash router, and the page lifecycle (a page may return a
// stop function, called when the user leaves it: polling ends with the page).
import * as api from './api.js';
import { h, errorBox } from './dom.js';
import { repositories, repository } from './pages/repositories.js';
import { manifestPage } from './pages/manifest.js';
import { replicas } from './pages/replicas.js';
import { webhooks } from './pages/webhooks.js';
import { builds } from './pages/builds.js';
import { audit } from './pages/audit.js';

const routes = [
  [/^#\/repositories$/, () => repositories()],
  [/^#\/repository\/(.+)$/, (m) => repository(decodeURIComponent(m[1]))],
  [/^#\/manifest\/(.+)\/([^/]+)$/, (m) => manifestPage(decodeURIComponent(m[1]), decodeURIComponent(m[2]))],
  [/^#\/replicas$/, () => replicas()],
  [/^#\/webhooks$/, () => webhooks()],
  [/^#\/builds$/, () => builds()],
  [/^#\/audit$/, () => audit()],
];

const view = document.getElementById('view');
let stop = null;

function signInForm() {
  const user = h('input', { id: 'username', name: 'username', autocomplete: 'username', required: true });
  const password = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const message = h('p', { class: 'error', id: 'signin-error' });
  const form = h('form', { class: 'signin', id: 'signin' },
    h('h1', {}, 'Sign in'),
    h('label', {}, 'Account', user),
    h('label', {}, 'Password', password),
    h('button', { type: 'submit', id: 'signin-submit' }, 'Sign in'),
    message);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.textContent = '';
    try {
      await api.signIn(user.value, password.value);
      password.value = '';
      await showSession();
      if (!location.hash || location.hash === '#/signin') location.hash = '#/repositories';
      else render();
    } catch (e) {
      message.textContent = e.message;
    }
  });
  return form;
}

async function showSession() {
  document.getElementById('nav').hidden = false;
  document.getElementById('signout').hidden = false;
  document.getElementById('user').textContent = api.user();
  try {
    const regions = await api.json('/meridian/v1/regions');
    document.getElementById('region').textContent = `${regions.region} ·`;
  } catch (e) {
    document.getElementById('region').textContent = '';
  }
}

function render() {
  if (stop) { stop(); stop = null; }
  if (!api.user()) {
    view.replaceChildren(signInForm());
    return;
  }
  const hash = location.hash || '#/repositories';
  document.querySelectorAll('nav a').forEach((a) =>
    a.classList.toggle('active', hash.startsWith(`#/${a.dataset.page}`)
      || (a.dataset.page === 'repositories' && /^#\/(repository|manifest)\//.test(hash))));
  for (const [pattern, page] of routes) {
    const match = pattern.exec(hash);
    if (match) {
      const content = h('div', { id: 'page' }, h('p', { class: 'muted' }, 'Loading…'));
      view.replaceChildren(content);
      Promise.resolve(page(match)).then((result) => {
        content.replaceChildren(result.node);
        stop = result.stop || null;
      }).catch((e) => content.replaceChildren(errorBox(e)));
      return;
    }
  }
  view.replaceChildren(h('p', {}, 'No such page. ', h('a', { href: '#/repositories' }, 'Repositories')));
}

document.getElementById('signout').addEventListener('click', () => {
  api.signOut();
  document.getElementById('nav').hidden = true;
  document.getElementById('signout').hidden = true;
  document.getElementById('user').textContent = '';
  document.getElementById('region').textContent = '';
  render();
});
window.addEventListener('hashchange', render);
render();
