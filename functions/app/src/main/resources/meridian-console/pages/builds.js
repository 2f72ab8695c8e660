// Build runs of this region, and one run's log, followed live (polled every second while the
// run is queued or running; the log object is rewritten as lines arrive).
import * as api from '../api.js';
import { h, table, state, time } from '../dom.js';

const ACTIVE = new Set(['queued', 'running']);

export async function builds() {
  const runs = (await api.json('/meridian/v1/builds?top=50')).runs || [];
  const log = h('pre', { id: 'run-log' }, runs.length ? '' : 'No runs yet.');
  const heading = h('h2', {});
  let timer = null;
  let watching = null;
  async function follow(id) {
    clearTimeout(timer);
    watching = id;
    heading.textContent = `Log of ${id}`;
    const tick = async () => {
      if (watching !== id) return;
      let run;
      try {
        run = await api.json(`/meridian/v1/builds/${id}`);
        log.textContent = await api.text(`/meridian/v1/builds/${id}/logs`);
      } catch (e) {
        log.textContent = e.status === 404 ? '(no log yet)' : e.message;
      }
      heading.textContent = `Log of ${id}${run ? ` · ${run.status}` : ''}`;
      if (!run || ACTIVE.has(String(run.status).toLowerCase())) timer = setTimeout(tick, 1000);
    };
    await tick();
  }
  const rows = runs.map((r) => h('tr', { 'data-run': r.runId },
    h('td', { class: 'mono' }, h('a', { href: '#/builds', onclick: (e) => { e.preventDefault(); follow(r.runId); } }, r.runId)),
    h('td', {}, state(r.status)), h('td', {}, r.request ? r.request.owner : ''),
    h('td', {}, (r.outputImages || []).map((o) => o.name).join(', ') || (r.images || []).join(', ')),
    h('td', {}, time(r.createdAt)), h('td', {}, time(r.finishedAt)), h('td', { class: 'error' }, r.error || '')));
  if (runs.length) await follow(runs[0].runId);
  return {
    node: h('section', {}, h('h1', {}, 'Builds'),
      runs.length ? table(['Run', 'Status', 'Owner', 'Images', 'Created', 'Finished', 'Error'], rows, { id: 'runs' }) : null,
      heading, log),
    stop: () => { watching = null; clearTimeout(timer); },
  };
}
