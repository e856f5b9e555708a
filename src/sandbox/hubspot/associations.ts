import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireObjectScope } from './auth.js';
import { associate, associationsOf, disassociate, parseCategory, renderSpec } from './association-store.js';
import { defaultTypeBetween, typesBetween } from './association-types.js';
import { badRequest, notFound } from './errors.js';
import { objectTypeDefs, resolveObjectType, type ObjectType } from './object-types.js';
import { findObject } from './records.js';
import type { AssociationSpec, HubSpotStore, Portal } from './store.js';

type Params = Record<string, string>;

function typeOf(raw: string): ObjectType {
  const type = resolveObjectType(raw);
  if (!type) throw badRequest(`Unable to infer object type from: ${raw}`);
  return type;
}

function endpoints(req: FastifyRequest) {
  const p = req.params as Params;
  const fromType = typeOf(p.fromObjectType ?? p.objectType);
  const toType = typeOf(p.toObjectType);
  const { portal } = requireObjectScope(req, fromType, 'read');
  return { portal, fromType, toType, fromId: p.fromObjectId ?? p.objectId, toId: p.toObjectId };
}

function requireRecord(portal: Portal, type: ObjectType, id: string) {
  if (!findObject(portal, type, String(id))) throw notFound(`No ${objectTypeDefs[type].singular} with ID ${id} exists`);
}

function defaultSpec(fromType: ObjectType, toType: ObjectType): AssociationSpec {
  const def = defaultTypeBetween(fromType, toType);
  if (!def) throw badRequest(`There is no default association between ${fromType} and ${toType}`);
  return { category: 'HUBSPOT_DEFINED', typeId: def.typeId };
}

function parseSpecs(body: unknown): AssociationSpec[] {
  if (!Array.isArray(body) || body.length === 0) throw badRequest('Invalid input JSON: expected an array of {associationCategory, associationTypeId}');
  return body.map((b: { associationCategory?: unknown; associationTypeId?: unknown }) => {
    const category = parseCategory(b?.associationCategory);
    const typeId = Number(b?.associationTypeId);
    if (!category || !Number.isInteger(typeId)) throw badRequest('Invalid association spec: associationCategory and associationTypeId are required');
    return { category, typeId };
  });
}

/** `{results:[{toObjectId, associationTypes:[{category, typeId, label}]}]}`; ids are numbers on the wire in v4. */
function renderLinks(portal: Portal, fromType: ObjectType, fromId: string, toType: ObjectType) {
  return associationsOf(portal, fromType, fromId, toType).map(({ toId, specs }) => ({
    toObjectId: Number(toId),
    associationTypes: specs.map(renderSpec),
  }));
}

/** Associations v4: default and typed links, reads (single and batch), removal, labels. */
export async function registerAssociationRoutes(app: FastifyInstance, store: HubSpotStore) {
  const now = () => new Date(store.clock.nowMs()).toISOString();

  app.put('/crm/v4/objects/:fromObjectType/:fromObjectId/associations/default/:toObjectType/:toObjectId', async (req) => {
    const { portal, fromType, toType, fromId, toId } = endpoints(req);
    requireRecord(portal, fromType, fromId);
    requireRecord(portal, toType, toId);
    const spec = defaultSpec(fromType, toType);
    associate(portal, fromType, fromId, toType, toId, spec);
    const inverse = defaultSpec(toType, fromType);
    const t = now();
    return {
      status: 'COMPLETE',
      results: [
        { from: { id: fromId }, to: { id: toId }, associationSpec: { associationCategory: spec.category, associationTypeId: spec.typeId } },
        { from: { id: toId }, to: { id: fromId }, associationSpec: { associationCategory: inverse.category, associationTypeId: inverse.typeId } },
      ],
      startedAt: t,
      completedAt: t,
    };
  });

  app.put('/crm/v4/objects/:objectType/:objectId/associations/:toObjectType/:toObjectId', async (req, reply) => {
    const { portal, fromType, toType, fromId, toId } = endpoints(req);
    requireRecord(portal, fromType, fromId);
    requireRecord(portal, toType, toId);
    const specs = parseSpecs(req.body);
    for (const spec of specs) associate(portal, fromType, fromId, toType, toId, spec);
    const labels = specs.map(renderSpec).map((s) => s.label).filter((l): l is string => l !== null);
    return reply.code(201).send({
      fromObjectTypeId: objectTypeDefs[fromType].typeId,
      fromObjectId: Number(fromId),
      toObjectTypeId: objectTypeDefs[toType].typeId,
      toObjectId: Number(toId),
      labels,
    });
  });

  app.get('/crm/v4/objects/:objectType/:objectId/associations/:toObjectType', async (req) => {
    const { portal, fromType, toType, fromId } = endpoints(req);
    const q = req.query as { limit?: string; after?: string };
    const limit = Math.min(500, Math.max(1, Number(q.limit ?? 500) || 500));
    const all = renderLinks(portal, fromType, fromId, toType);
    const offset = Number(q.after ?? 0) || 0;
    const next = offset + limit < all.length ? String(offset + limit) : undefined;
    return { results: all.slice(offset, offset + limit), ...(next ? { paging: { next: { after: next } } } : {}) };
  });

  app.delete('/crm/v4/objects/:objectType/:objectId/associations/:toObjectType/:toObjectId', async (req, reply) => {
    const { portal, fromType, toType, fromId, toId } = endpoints(req);
    disassociate(portal, fromType, fromId, toType, toId);
    return reply.code(204).send();
  });

  app.post('/crm/v4/associations/:fromObjectType/:toObjectType/batch/read', async (req, reply) => {
    const { portal, fromType, toType } = endpoints(req);
    const inputs = ((req.body as { inputs?: { id?: string }[] })?.inputs ?? []).map((i) => String(i?.id ?? ''));
    const results = inputs
      .filter((id) => findObject(portal, fromType, id))
      .map((id) => ({ from: { id }, to: renderLinks(portal, fromType, id, toType) }));
    const missing = inputs.filter((id) => !findObject(portal, fromType, id));
    const t = now();
    const body: Record<string, unknown> = { status: 'COMPLETE', results, startedAt: t, completedAt: t };
    if (missing.length) {
      body.numErrors = 1;
      body.errors = [{ status: 'error', category: 'OBJECT_NOT_FOUND', message: 'Some objects could not be found', context: { ids: missing } }];
    }
    return reply.code(missing.length ? 207 : 200).send(body);
  });

  app.post('/crm/v4/associations/:fromObjectType/:toObjectType/batch/associate/default', async (req) => {
    const { portal, fromType, toType } = endpoints(req);
    const spec = defaultSpec(fromType, toType);
    const inputs = (req.body as { inputs?: { from?: { id?: string }; to?: { id?: string } }[] })?.inputs ?? [];
    const results = inputs.map((i) => {
      const fromId = String(i?.from?.id ?? '');
      const toId = String(i?.to?.id ?? '');
      requireRecord(portal, fromType, fromId);
      requireRecord(portal, toType, toId);
      associate(portal, fromType, fromId, toType, toId, spec);
      return { from: { id: fromId }, to: { id: toId }, associationSpec: { associationCategory: spec.category, associationTypeId: spec.typeId } };
    });
    const t = now();
    return { status: 'COMPLETE', results, startedAt: t, completedAt: t };
  });

  app.post('/crm/v4/associations/:fromObjectType/:toObjectType/batch/create', async (req, reply) => {
    const { portal, fromType, toType } = endpoints(req);
    const inputs = (req.body as { inputs?: { from?: { id?: string }; to?: { id?: string }; types?: unknown }[] })?.inputs ?? [];
    const results = inputs.map((i) => {
      const fromId = String(i?.from?.id ?? '');
      const toId = String(i?.to?.id ?? '');
      requireRecord(portal, fromType, fromId);
      requireRecord(portal, toType, toId);
      const specs = parseSpecs(i.types);
      for (const spec of specs) associate(portal, fromType, fromId, toType, toId, spec);
      return {
        fromObjectTypeId: objectTypeDefs[fromType].typeId,
        fromObjectId: Number(fromId),
        toObjectTypeId: objectTypeDefs[toType].typeId,
        toObjectId: Number(toId),
        labels: specs.map(renderSpec).map((s) => s.label).filter((l): l is string => l !== null),
      };
    });
    const t = now();
    return reply.code(201).send({ status: 'COMPLETE', results, startedAt: t, completedAt: t });
  });

  app.get('/crm/v4/associations/:fromObjectType/:toObjectType/labels', async (req) => {
    const { fromType, toType } = endpoints(req);
    return { results: typesBetween(fromType, toType).map((d) => ({ category: 'HUBSPOT_DEFINED', typeId: d.typeId, label: d.label })) };
  });
}
