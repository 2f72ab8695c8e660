// Repositories and their tags: digest, size (config + layers, as `docker images` shows the
// compressed total), push time (the origin's clock, from the tag's version), and how many
// regions hold the tag's newest state.
import * as api from '../api.js';
import { h, table, shortDigest, bytes, time } from '../dom.js';

export async function repositories() {
  const catalog = await api.json('/v2/_catalog?n=1000');
  const names = catalog.repositories || [];
  const rows = await Promise.all(names.map(async (name) => {
    let tags = [];
    try {
      tags = (await api.json(`/v2/${name}/tags/list`)).tags || [];
    } catch (e) { /* no pull on it: shown without tags */ }
    return h('tr', { 'data-repository': name },
      h('td', {}, h('a', { href: `#/repository/${encodeURIComponent(name)}` }, name)),
      h('td', {}, tags.length), h('td', { class: 'muted' }, tags.slice(0, 6).join(', ')));
  }));
  return { node: h('section', {}, h('h1', {}, 'Repositories'),
    names.length ? table(['Repository', 'Tags', 'Some tags'], rows, { id: 'repositories' })
      : h('p', { class: 'muted' }, 'No repositories yet. Push an image to any region.')) };
}

export function imageSize(manifest) {
  const body = manifest.body;
  if (Array.isArray(body.layers)) {
    return (body.config ? body.config.size : 0) + body.layers.reduce((n, l) => n + (l.size || 0), 0);
  }
  return null;
}

// A tag's version starts with the hybrid-logical-clock millis of the push that set it
// (core.version.Version): the push time, as the origin recorded it.
export function pushedAt(status) {
  const version = (status.regions || []).map((r) => r.tagVersion).filter(Boolean).sort().pop();
  const millis = version ? Number(version.split('-')[0]) : NaN;
  return Number.isFinite(millis) && millis > 0 ? new Date(millis).toISOString() : null;
}

export async function repository(name) {
  const tags = (await api.json(`/v2/${name}/tags/list`)).tags || [];
  const rows = await Promise.all(tags.map(async (tag) => {
    const [manifest, status] = await Promise.all([
      api.manifest(name, tag),
      api.json(`/meridian/v1/replication/${name}/${encodeURIComponent(tag)}`).catch(() => ({ regions: [] })),
    ]);
    const size = imageSize(manifest);
    const current = status.regions.filter((r) => r.state === 'current').length;
    return h('tr', { 'data-tag': tag },
      h('td', {}, h('a', { href: `#/manifest/${encodeURIComponent(name)}/${encodeURIComponent(tag)}` }, tag)),
      h('td', { class: 'mono', title: manifest.digest }, shortDigest(manifest.digest)),
      h('td', {}, size === null ? `index (${(manifest.body.manifests || []).length})` : bytes(size)),
      h('td', {}, time(pushedAt(status))),
      h('td', {}, `${current} / ${status.regions.length}`));
  }));
  return { node: h('section', {}, h('h1', {}, name),
    table(['Tag', 'Digest', 'Size', 'Pushed', 'Regions holding it'], rows, { id: 'tags' })) };
}
