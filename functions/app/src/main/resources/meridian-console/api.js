// The registry's own API, as the console's user: tokens from the token endpoint (OAuth2
// password grant, the form containerd uses), a challenge for more scope answered with a new
// token, as docker clients do. The password stays in this module's memory for the page's life
// only — never in localStorage or sessionStorage — so a reload signs out.
const BASE_SCOPES = ['registry:catalog:*', 'registry:admin:*', 'registry:webhooks:*',
  'registry:builds:*'];
let credentials = null;
let scopes = new Set(BASE_SCOPES);
let current = null; // { token, expiresAt }

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export function user() {
  return credentials ? credentials.user : null;
}

export async function signIn(name, password) {
  credentials = { user: name, password };
  scopes = new Set(BASE_SCOPES);
  try {
    await refresh();
  } catch (e) {
    credentials = null;
    throw e;
  }
}

export function signOut() {
  credentials = null;
  current = null;
}

async function refresh() {
  const form = new URLSearchParams({ grant_type: 'password', username: credentials.user,
    password: credentials.password, scope: [...scopes].join(' ') });
  const res = await fetch('/meridian/v1/token', { method: 'POST', body: form,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new ApiError(res.status, body.error_description || `sign-in failed (${res.status})`);
  current = { token: body.token, expiresAt: Date.now() + (body.expires_in - 10) * 1000 };
}

function challengedScope(res) {
  const header = res.headers.get('WWW-Authenticate') || '';
  const match = /scope="([^"]*)"/.exec(header);
  return match ? match[1] : null;
}

// fetch() with the session's token; a 401 naming a scope the token lacks gets one retry.
export async function request(path, options = {}) {
  if (!credentials) throw new ApiError(401, 'not signed in');
  for (let attempt = 0; ; attempt += 1) {
    if (!current || Date.now() > current.expiresAt) await refresh();
    const headers = { ...(options.headers || {}), Authorization: `Bearer ${current.token}` };
    const res = await fetch(path, { ...options, headers });
    if (res.status !== 401 || attempt > 0) return res;
    const scope = challengedScope(res);
    if (scope) scope.split(' ').forEach((s) => scopes.add(s));
    current = null;
  }
}

async function failure(res) {
  const text = await res.text();
  try {
    const body = JSON.parse(text);
    if (body.errors && body.errors.length) return new ApiError(res.status, `${body.errors[0].code}: ${body.errors[0].message}`);
  } catch (e) { /* not JSON */ }
  return new ApiError(res.status, text || `HTTP ${res.status}`);
}

export async function json(path, options = {}) {
  const res = await request(path, options);
  if (!res.ok) throw await failure(res);
  return res.json();
}

export async function text(path) {
  const res = await request(path);
  if (!res.ok) throw await failure(res);
  return res.text();
}

export async function send(method, path) {
  const res = await request(path, { method });
  if (!res.ok) throw await failure(res);
  return res;
}

// A manifest and its digest; the Accept list is every manifest type the registry stores.
export async function manifest(repo, reference) {
  const res = await request(`/v2/${repo}/manifests/${encodeURIComponent(reference)}`, {
    headers: { Accept: ['application/vnd.oci.image.manifest.v1+json',
      'application/vnd.oci.image.index.v1+json',
      'application/vnd.docker.distribution.manifest.v2+json',
      'application/vnd.docker.distribution.manifest.list.v2+json'].join(', ') } });
  if (!res.ok) throw await failure(res);
  const raw = await res.text();
  return { digest: res.headers.get('Docker-Content-Digest'), size: new TextEncoder().encode(raw).length,
    mediaType: res.headers.get('Content-Type'), body: JSON.parse(raw) };
}
