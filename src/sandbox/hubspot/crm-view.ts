import type { FastifyInstance, FastifyReply } from 'fastify';
import { associationsOf } from './association-store.js';
import { escapeHtml } from './html.js';
import { objectTypeDefs, type ObjectType } from './object-types.js';
import type { CrmObject, HubSpotStore, Portal } from './store.js';

/** What the view shows: the records the sync writes. */
const shown: ObjectType[] = ['contacts', 'deals', 'line_items'];
const labels: Record<string, string> = { contacts: 'Contacts', deals: 'Deals', line_items: 'Line items' };
const byTypeId = new Map(shown.map((t) => [objectTypeDefs[t].typeId, t]));

/** Where a record's page is: the same path as in HubSpot's app (`/contacts/{portalId}/record/{objectTypeId}/{id}`). */
export const recordPath = (portalId: number, type: ObjectType, id: string) => `/contacts/${portalId}/record/${objectTypeDefs[type].typeId}/${id}`;

function titleOf(type: ObjectType, obj: CrmObject): string {
  const p = obj.properties;
  if (type === 'contacts') return [p.firstname, p.lastname].filter(Boolean).join(' ') || p.email || `Contact ${obj.id}`;
  if (type === 'deals') return p.dealname || `Deal ${obj.id}`;
  return p.name || `Line item ${obj.id}`;
}

function page(reply: FastifyReply, title: string, body: string) {
  return reply
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} · Sandbox HubSpot</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem;color:#213343}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem}table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid #dfe3eb;padding:.35rem .5rem;text-align:left;vertical-align:top}th{background:#f5f8fa}
.note{background:#fff3c4;padding:.5rem .75rem;border-radius:4px}code{font-size:.9em}a{color:#0068b1}
</style></head>
<body><p class="note">Sandbox HubSpot: a read-only view of the local stand-in's CRM, not app.hubspot.com.</p>
${body}
</body></html>`);
}

function portalOf(store: HubSpotStore, raw: string): Portal | undefined {
  return store.portals.get(Number(raw));
}

/**
 * A small read-only CRM view of a sandbox portal: the contacts, deals and line items the sync
 * wrote, each record with every property and its associations. `GET /contacts/{portalId}` lists
 * them; a record's page has the path HubSpot's app uses, so "View in HubSpot" links work against
 * the stand-in by swapping the origin. Not metered and needs no token (it is the sandbox's own page).
 */
export function registerCrmView(app: FastifyInstance, store: HubSpotStore) {
  app.get('/contacts/:portalId', async (req, reply) => {
    const portal = portalOf(store, (req.params as { portalId: string }).portalId);
    if (!portal) return reply.code(404).type('text/plain').send('No such sandbox portal');
    const sections = shown.map((type) => {
      const live = [...portal.objects[type].values()].filter((o) => !o.archived);
      const rows = live
        .map((o) => `<tr><td><a href="${recordPath(portal.portalId, type, o.id)}">${escapeHtml(titleOf(type, o))}</a></td><td><code>${escapeHtml(o.id)}</code></td><td>${escapeHtml(new Date(o.updatedAt).toISOString())}</td></tr>`)
        .join('');
      return `<h2>${labels[type]} (${live.length})</h2>${live.length ? `<table><thead><tr><th scope="col">Name</th><th scope="col">Record ID</th><th scope="col">Last modified</th></tr></thead><tbody>${rows}</tbody></table>` : '<p>None yet.</p>'}`;
    });
    return page(reply, portal.name, `<h1>${escapeHtml(portal.name)} <small>(portal ${portal.portalId})</small></h1>${sections.join('')}`);
  });

  app.get('/contacts/:portalId/record/:typeId/:id', async (req, reply) => {
    const params = req.params as { portalId: string; typeId: string; id: string };
    const portal = portalOf(store, params.portalId);
    const type = byTypeId.get(params.typeId);
    const obj = portal && type ? portal.objects[type].get(params.id) : undefined;
    if (!portal || !type || !obj) return reply.code(404).type('text/plain').send('No such record in this sandbox portal');
    const properties = Object.entries(obj.properties)
      .filter(([, value]) => value !== '')
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, value]) => `<tr><th scope="row"><code>${escapeHtml(name)}</code></th><td>${escapeHtml(value)}</td></tr>`)
      .join('');
    const links = shown
      .flatMap((toType) =>
        associationsOf(portal, type, obj.id, toType).map(({ toId }) => {
          const other = portal.objects[toType].get(toId);
          return `<li>${labels[toType]}: <a href="${recordPath(portal.portalId, toType, toId)}">${escapeHtml(other ? titleOf(toType, other) : toId)}</a> <code>${escapeHtml(toId)}</code></li>`;
        }),
      )
      .join('');
    const status = obj.archived ? ' <small>(archived)</small>' : '';
    return page(
      reply,
      titleOf(type, obj),
      `<p><a href="/contacts/${portal.portalId}">← ${escapeHtml(portal.name)}</a></p>
<h1>${escapeHtml(titleOf(type, obj))}${status}</h1>
<p>${objectTypeDefs[type].singular} · record <code>${escapeHtml(obj.id)}</code></p>
<h2>Associations</h2>${links ? `<ul>${links}</ul>` : '<p>None.</p>'}
<h2>Properties</h2><table><tbody>${properties}</tbody></table>`,
    );
  });
}
