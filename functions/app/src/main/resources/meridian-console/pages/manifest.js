// One manifest: its descriptors, the raw JSON, and the image config (fetched through
// /ui/api/blob, since the registry redirects blob reads to the object store's origin).
import * as api from '../api.js';
import { h, table, shortDigest, bytes } from '../dom.js';

export async function manifestPage(repo, reference) {
  const manifest = await api.manifest(repo, reference);
  const body = manifest.body;
  const parts = [h('h1', {}, `${repo}:${reference}`),
    h('p', { class: 'mono' }, manifest.digest, ' · ', manifest.mediaType, ' · ', bytes(manifest.size))];
  if (Array.isArray(body.layers)) {
    parts.push(h('h2', {}, 'Layers'), table(['#', 'Digest', 'Media type', 'Size'],
      body.layers.map((l, i) => h('tr', {}, h('td', {}, i + 1), h('td', { class: 'mono', title: l.digest }, shortDigest(l.digest)),
        h('td', { class: 'mono' }, l.mediaType), h('td', {}, bytes(l.size)))), { id: 'layers' }));
  }
  if (Array.isArray(body.manifests)) {
    parts.push(h('h2', {}, 'Manifests'), table(['Platform', 'Digest', 'Size'],
      body.manifests.map((m) => h('tr', {},
        h('td', {}, m.platform ? `${m.platform.os}/${m.platform.architecture}` : ''),
        h('td', { class: 'mono' }, h('a', { href: `#/manifest/${encodeURIComponent(repo)}/${encodeURIComponent(m.digest)}` }, shortDigest(m.digest))),
        h('td', {}, bytes(m.size))))));
  }
  const config = h('pre', { id: 'config' }, body.config ? 'Loading…' : '(no config)');
  parts.push(h('div', { class: 'grid' },
    h('div', {}, h('h2', {}, 'Manifest'), h('pre', { id: 'manifest-json' }, JSON.stringify(body, null, 2))),
    h('div', {}, h('h2', {}, 'Config'), config)));
  if (body.config) {
    api.text(`/ui/api/blob?repo=${encodeURIComponent(repo)}&digest=${encodeURIComponent(body.config.digest)}`)
      .then((t) => {
        try { config.textContent = JSON.stringify(JSON.parse(t), null, 2); } catch (e) { config.textContent = t; }
      })
      .catch((e) => { config.textContent = e.message; });
  }
  return { node: h('section', {}, parts) };
}
