// The audit log (admin): every region's records, newest first, filtered as the API filters;
// "Verify chains" asks this region to check each region's hash chain as it holds it.
import * as api from '../api.js';
import { h, table, state, time } from '../dom.js';

const FIELDS = [['from', 'From (UTC)', '2026-12-07'], ['to', 'To (UTC)', ''], ['actor', 'Actor', ''],
  ['repo', 'Repository', ''], ['action', 'Action', 'image.push']];

export async function audit() {
  const inputs = Object.fromEntries(FIELDS.map(([name, , hint]) =>
    [name, h('input', { name, id: `audit-${name}`, placeholder: hint })]));
  const results = h('div', { id: 'audit-records' });
  const chains = h('div', { id: 'audit-chains' });
  async function load() {
    const query = new URLSearchParams({ limit: '200' });
    for (const [name, input] of Object.entries(inputs)) if (input.value.trim()) query.set(name, input.value.trim());
    try {
      const page = await api.json(`/meridian/v1/audit?${query}`);
      results.replaceChildren(page.records.length ? table(
        ['Time', 'Region', '#', 'Actor', 'Action', 'Outcome', 'From', 'Repository', 'Reference', 'Detail'],
        page.records.map((r) => h('tr', { 'data-action': r.action },
          h('td', {}, time(r.time)), h('td', {}, r.origin), h('td', {}, r.sequence), h('td', {}, r.actor),
          h('td', {}, r.action), h('td', {}, r.status), h('td', { class: 'mono' }, r.address),
          h('td', {}, r.repository), h('td', { class: 'mono' }, r.reference), h('td', { class: 'muted' }, r.detail))),
      { id: 'audit-table' }) : h('p', { class: 'muted' }, 'No records match.'));
    } catch (e) {
      results.replaceChildren(h('p', { class: 'error' }, e.message));
    }
  }
  async function verify() {
    const report = await api.json('/meridian/v1/audit/verify');
    chains.replaceChildren(table(['Chain of', 'Records', 'First', 'Last', 'State', 'Head hash', 'Problems'],
      report.chains.map((c) => h('tr', { 'data-chain': c.origin },
        h('td', {}, c.origin), h('td', {}, c.records), h('td', {}, c.firstSequence), h('td', {}, c.lastSequence),
        h('td', {}, state(c.intact ? 'intact' : 'broken')), h('td', { class: 'mono' }, c.headHash.slice(0, 16)),
        h('td', {}, c.problems.map((p) => `#${p.sequence}: ${p.reason}`).join('; '))))));
  }
  const form = h('form', { class: 'filters', id: 'audit-filters' },
    FIELDS.map(([name, label]) => h('label', {}, label, h('br'), inputs[name])),
    h('button', { type: 'submit' }, 'Search'),
    h('button', { type: 'button', class: 'secondary', id: 'audit-verify', onclick: () => verify() }, 'Verify chains'));
  form.addEventListener('submit', (e) => { e.preventDefault(); load(); });
  await Promise.all([load(), verify()]);
  return { node: h('section', {}, h('h1', {}, 'Audit log'), form, chains, h('h2', {}, 'Records'), results) };
}
