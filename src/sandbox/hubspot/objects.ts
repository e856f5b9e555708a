import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireObjectScope } from './auth.js';
import { badRequest, notFound } from './errors.js';
import { resolveObjectType, type ObjectType } from './object-types.js';
import {
  archiveObject, checkWrite, createObject, findObject, listParam, renderObject, requireObject, updateValues,
} from './records.js';
import type { HubSpotStore } from './store.js';
import { propertyValidationError } from './validation.js';

type Params = { objectType: string; objectId: string };
type Query = Record<string, string | string[] | undefined>;

/** The object type named in the path; HubSpot answers 400 for one it cannot infer. */
export function objectTypeParam(req: FastifyRequest): ObjectType {
  const raw = (req.params as Params).objectType;
  const type = resolveObjectType(raw);
  if (!type) throw badRequest(`Unable to infer object type from: ${raw}`);
  return type;
}

/** CRM v3 basic API: create, read, update, archive and list records of any known object type. */
export async function registerObjectRoutes(app: FastifyInstance, store: HubSpotStore) {
  app.post('/crm/v3/objects/:objectType', async (req, reply) => {
    const type = objectTypeParam(req);
    const { portal } = requireObjectScope(req, type, 'write');
    const obj = createObject(store, portal, type, req.body as { properties?: unknown; associations?: unknown });
    return reply.code(201).send(renderObject(portal, type, obj, { all: true }));
  });

  app.get('/crm/v3/objects/:objectType/:objectId', async (req) => {
    const type = objectTypeParam(req);
    const { portal } = requireObjectScope(req, type, 'read');
    const q = req.query as Query;
    const archived = q.archived === 'true';
    const obj = findObject(portal, type, (req.params as Params).objectId, q.idProperty as string | undefined, archived);
    if (!obj) throw notFound();
    return renderObject(portal, type, obj, { properties: listParam(q.properties), associations: listParam(q.associations) });
  });

  app.patch('/crm/v3/objects/:objectType/:objectId', async (req) => {
    const type = objectTypeParam(req);
    const { portal } = requireObjectScope(req, type, 'write');
    const q = req.query as Query;
    const obj = requireObject(portal, type, (req.params as Params).objectId, q.idProperty as string | undefined);
    const { values, problems } = checkWrite(portal, type, (req.body as { properties?: unknown })?.properties ?? {}, obj);
    if (problems.length) throw propertyValidationError(portal, problems);
    updateValues(store, type, obj, values);
    return renderObject(portal, type, obj, { all: true });
  });

  app.delete('/crm/v3/objects/:objectType/:objectId', async (req, reply) => {
    const type = objectTypeParam(req);
    const { portal } = requireObjectScope(req, type, 'write');
    // HubSpot answers 204 whether or not the record existed.
    const obj = findObject(portal, type, (req.params as Params).objectId);
    if (obj) archiveObject(store, obj);
    return reply.code(204).send();
  });

  app.get('/crm/v3/objects/:objectType', async (req) => {
    const type = objectTypeParam(req);
    const { portal } = requireObjectScope(req, type, 'read');
    const q = req.query as Query;
    const limit = Math.min(100, Math.max(1, Number(q.limit ?? 10) || 10));
    const archived = q.archived === 'true';
    const all = [...portal.objects[type].values()].filter((o) => o.archived === archived);
    const start = q.after ? all.findIndex((o) => Number(o.id) >= Number(q.after)) : 0;
    const page = start < 0 ? [] : all.slice(start, start + limit);
    const next = start >= 0 ? all[start + limit] : undefined;
    const opts = { properties: listParam(q.properties), associations: listParam(q.associations) };
    return {
      results: page.map((o) => renderObject(portal, type, o, opts)),
      ...(next ? { paging: { next: { after: next.id, link: `${req.url.split('?')[0]}?after=${next.id}` } } } : {}),
    };
  });
}
