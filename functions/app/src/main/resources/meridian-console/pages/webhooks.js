// The region's webhooks and each one's deliveries: state, attempts, the last answer, and a
// redeliver button (POST …/events/<id>/redeliver puts a delivery back in the queue).
import * as api from '../api.js';
import { h, table, state, time } from '../dom.js';

export async function webhooks() {
  const list = (await api.json('/meridian/v1/webhooks')).webhooks || [];
  const deliveries = h('div', { id: 'deliveries' });
  async function show(name) {
    deliveries.replaceChildren(h('p', { class: 'muted' }, 'Loading…'));
    const page = await api.json(`/meridian/v1/webhooks/${name}/events?limit=100`);
    const rows = page.events.slice().reverse().map((d) => {
      const last = d.response || {};
      const button = h('button', { type: 'button', class: 'secondary', 'data-redeliver': d.id }, 'Redeliver');
      button.addEventListener('click', async () => {
        button.disabled = true;
        try {
          await api.send('POST', `/meridian/v1/webhooks/${name}/events/${d.id}/redeliver`);
          await show(name);
        } catch (e) {
          button.textContent = e.message;
        }
      });
      return h('tr', { 'data-delivery': d.id },
        h('td', { class: 'mono' }, d.id), h('td', {}, d.action), h('td', {}, state(d.state)),
        h('td', {}, d.attempts), h('td', {}, last.status ?? last.error ?? ''),
        h('td', {}, time(d.createdAt)), h('td', {}, time(d.nextAttemptAt)), h('td', {}, button));
    });
    deliveries.replaceChildren(h('h2', {}, `Deliveries of ${name}`), rows.length
      ? table(['Delivery', 'Action', 'State', 'Attempts', 'Last answer', 'Created', 'Next attempt', ''], rows)
      : h('p', { class: 'muted' }, 'No deliveries yet.'));
  }
  const rows = list.map((w) => h('tr', { 'data-webhook': w.name },
    h('td', {}, h('a', { href: '#/webhooks', onclick: (e) => { e.preventDefault(); show(w.name); } }, w.name)),
    h('td', { class: 'mono' }, w.serviceUri), h('td', {}, (w.actions || []).join(', ')),
    h('td', {}, w.scope || '*'), h('td', {}, state(w.status))));
  if (list.length) await show(list[0].name);
  return { node: h('section', {}, h('h1', {}, 'Webhooks'),
    list.length ? table(['Name', 'Service URI', 'Actions', 'Scope', 'Status'], rows, { id: 'webhooks' })
      : h('p', { class: 'muted' }, 'No webhooks in this region.'), deliveries) };
}
