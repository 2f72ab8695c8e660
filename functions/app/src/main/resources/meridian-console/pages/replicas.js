// The replica-set map: regions × recent images, each cell the region's state for that image
// and when it arrived there, with each peer's replication lag as this region measures it.
// Live by polling (every 2 s): the event log from a cursor for new pushes, the replication
// status per image, the regions' lag. Polling works the same through the local front and
// through API Gateway + Lambda, where a long-lived SSE response is not an option.
import * as api from '../api.js';
import { h, table, state, shortDigest, time } from '../dom.js';

const RECENT = 12;
const INTERVAL_MS = 2000;

export async function replicas() {
  let cursor = 0;
  const recent = new Map(); // "repo:tag" -> { repository, tag, digest, at }
  const lagCards = h('div', { class: 'cards', id: 'lag' });
  const grid = h('div', { id: 'replica-map' });
  const updated = h('p', { class: 'muted', id: 'updated' });
  let timer = null;
  let stopped = false;

  async function readEvents() {
    for (;;) {
      const page = await api.json(`/meridian/v1/events?after=${cursor}&limit=1000`);
      for (const e of page.events) {
        const t = e.target || {};
        if (e.action === 'push' && t.tag) {
          const key = `${t.repository}:${t.tag}`;
          recent.delete(key);
          recent.set(key, { repository: t.repository, tag: t.tag, digest: t.digest, at: e.timestamp });
        }
      }
      cursor = page.next;
      if (page.events.length < 1000) return;
    }
  }

  async function refresh() {
    const [regions] = await Promise.all([api.json('/meridian/v1/regions'), readEvents()]);
    const images = [...recent.values()].slice(-RECENT).reverse();
    const statuses = await Promise.all(images.map((i) =>
      api.json(`/meridian/v1/replication/${i.repository}/${encodeURIComponent(i.tag)}`)
        .catch(() => ({ regions: [] }))));
    lagCards.replaceChildren(...regions.regions.map((r) => {
      const lag = r.replication;
      const detail = r.self ? 'this region'
        : lag ? `${lag.pendingChanges} pending · ${lag.failedChanges} failed · oldest ${lag.oldestPendingAgeMillis === null ? '—' : `${(lag.oldestPendingAgeMillis / 1000).toFixed(1)} s`}`
          : 'no lag data';
      return h('div', { class: 'card', 'data-region': r.name },
        h('div', { class: 'big' }, r.name, ' ', h('span', { class: 'muted mono' }, r.seed)),
        h('div', { class: 'muted' }, detail));
    }));
    const names = regions.regions.map((r) => r.name);
    const rows = images.map((image, i) => {
      const byRegion = new Map((statuses[i].regions || []).map((s) => [s.region, s]));
      return h('tr', { 'data-image': `${image.repository}:${image.tag}` },
        h('td', {}, h('a', { href: `#/manifest/${encodeURIComponent(image.repository)}/${encodeURIComponent(image.tag)}` },
          `${image.repository}:${image.tag}`), h('div', { class: 'muted mono' }, shortDigest(image.digest))),
        names.map((name) => {
          const s = byRegion.get(name);
          return h('td', { 'data-region': name, 'data-state': s ? s.state : 'unknown' },
            state(s ? s.state : 'unknown'), h('div', { class: 'muted' },
              time(s && (s.appliedAt || s.failedAt)) || (name === regions.region ? time(image.at) : '')));
        }));
    });
    grid.replaceChildren(images.length
      ? table(['Image', ...names], rows)
      : h('p', { class: 'muted' }, 'No pushes in this region\'s event log yet.'));
    updated.textContent = `Updated ${new Date().toISOString().replace('T', ' ').slice(0, 19)}Z · every ${INTERVAL_MS / 1000} s`;
  }

  async function loop() {
    try {
      await refresh();
    } catch (e) {
      updated.textContent = e.message;
    }
    if (!stopped) timer = setTimeout(loop, INTERVAL_MS);
  }
  await loop();
  return {
    node: h('section', {}, h('h1', {}, 'Replica set'), lagCards, grid, updated),
    stop: () => { stopped = true; clearTimeout(timer); },
  };
}
