import type { FastifyInstance, FastifyReply } from 'fastify';
import { requireObjectScope } from './auth.js';
import { badRequest, HubSpotError } from './errors.js';
import { objectTypeDefs } from './object-types.js';
import { objectTypeParam } from './objects.js';
import {
  archiveObject, checkAssociations, checkWrite, findByProperty, findObject, insertObject, listParam, renderObject, updateValues,
} from './records.js';
import type { HubSpotStore, Portal } from './store.js';
import { propertyValidationError } from './validation.js';

interface BatchInput {
  id?: string | number;
  idProperty?: string;
  properties?: Record<string, unknown>;
  associations?: unknown;
}

const maxBatch = 100;

function inputsOf(body: unknown): BatchInput[] {
  const inputs = (body as { inputs?: unknown } | undefined)?.inputs;
  if (!Array.isArray(inputs)) throw badRequest('Invalid input JSON: inputs must be an array');
  if (inputs.length > maxBatch) throw badRequest(`Batch input limit exceeded: at most ${maxBatch} inputs are allowed, got ${inputs.length}`);
  return inputs as BatchInput[];
}

/** An entry of a batch answer's `errors[]` (HubSpot's StandardError). */
function standardError(err: HubSpotError, ids: string[]) {
  const { status: _status, correlationId: _c, ...rest } = err.body();
  return { status: 'error', ...rest, context: { ids } };
}

/** 200 when everything worked, 207 with `errors[]` when part of the batch failed. */
function batchAnswer(reply: FastifyReply, startedAt: string, results: unknown[], errors: unknown[], okCode = 200) {
  const body: Record<string, unknown> = { status: 'COMPLETE', results, startedAt, completedAt: startedAt };
  if (errors.length) Object.assign(body, { numErrors: errors.length, errors });
  return reply.code(errors.length ? 207 : okCode).send(body);
}

/** CRM v3 batch API: create, read, update, upsert (by a unique property such as email) and archive. */
export async function registerBatchRoutes(app: FastifyInstance, store: HubSpotStore) {
  const started = () => new Date(store.clock.nowMs()).toISOString();

  app.post('/crm/v3/objects/:objectType/batch/create', async (req, reply) => {
    const type = objectTypeParam(req);
    const { portal } = requireObjectScope(req, type, 'write');
    const startedAt = started();
    const inputs = inputsOf(req.body);
    // HubSpot refuses the whole batch when any input is invalid.
    const checked = inputs.map((input) => {
      const { values, problems } = checkWrite(portal, type, input.properties ?? {});
      if (problems.length) throw propertyValidationError(portal, problems);
      return { values, associations: checkAssociations(portal, type, input.associations) };
    });
    rejectDuplicateUniqueValues(portal, type, checked.map((c) => c.values));
    const results = checked.map((c) => renderObject(portal, type, insertObject(store, portal, type, c.values, c.associations), { all: true }));
    return batchAnswer(reply, startedAt, results, [], 201);
  });

  app.post('/crm/v3/objects/:objectType/batch/read', async (req, reply) => {
    const type = objectTypeParam(req);
    const { portal } = requireObjectScope(req, type, 'read');
    const startedAt = started();
    const body = req.body as { properties?: string[]; idProperty?: string };
    const archived = (req.query as { archived?: string }).archived === 'true';
    const results: unknown[] = [];
    const missing: string[] = [];
    for (const input of inputsOf(req.body)) {
      const obj = findObject(portal, type, String(input.id ?? ''), body.idProperty, archived);
      if (obj) results.push(renderObject(portal, type, obj, { properties: listParam(body.properties) }));
      else missing.push(String(input.id));
    }
    const errors = missing.length ? [notFoundError(type, missing)] : [];
    return batchAnswer(reply, startedAt, results, errors);
  });

  app.post('/crm/v3/objects/:objectType/batch/update', async (req, reply) => {
    const type = objectTypeParam(req);
    const { portal } = requireObjectScope(req, type, 'write');
    const startedAt = started();
    const missing: string[] = [];
    const planned = inputsOf(req.body).flatMap((input) => {
      const obj = findObject(portal, type, String(input.id ?? ''), input.idProperty);
      if (!obj) {
        missing.push(String(input.id));
        return [];
      }
      const { values, problems } = checkWrite(portal, type, input.properties ?? {}, obj);
      if (problems.length) throw propertyValidationError(portal, problems);
      return [{ obj, values }];
    });
    for (const { obj, values } of planned) updateValues(store, type, obj, values);
    const results = planned.map(({ obj }) => renderObject(portal, type, obj, { all: true }));
    return batchAnswer(reply, startedAt, results, missing.length ? [notFoundError(type, missing)] : []);
  });

  app.post('/crm/v3/objects/:objectType/batch/upsert', async (req, reply) => {
    const type = objectTypeParam(req);
    const { portal } = requireObjectScope(req, type, 'write');
    const startedAt = started();
    const inputs = inputsOf(req.body);
    const seen = new Set<string>();
    for (const input of inputs) {
      const idProperty = input.idProperty ?? 'hs_object_id';
      const def = portal.properties[type].get(idProperty);
      if (!def?.hasUniqueValue) throw badRequest(`Unable to perform update/upsert by non-unique ${objectTypeDefs[type].typeId} property`);
      const id = idProperty === 'email' ? String(input.id ?? '').trim().toLowerCase() : String(input.id ?? '');
      if (seen.has(id)) throw badRequest(`Duplicate IDs found in batch input: [${id}]. IDs must be unique`);
      seen.add(id);
    }
    // All or nothing, as HubSpot's batch upsert: every input is checked first; one it refuses fails
    // the whole call with that input's error (400), and nothing is written.
    const checked = inputs.map((input) => {
      const idProperty = input.idProperty!;
      const id = String(input.id ?? '');
      const existing = findByProperty(portal, type, idProperty, id);
      const { values, problems } = checkWrite(portal, type, { ...input.properties, [idProperty]: id }, existing);
      if (problems.length) throw propertyValidationError(portal, problems);
      return { existing, values };
    });
    const results = checked.map(({ existing, values }) => {
      const obj = existing ?? insertObject(store, portal, type, values);
      if (existing) updateValues(store, type, existing, values);
      return { ...renderObject(portal, type, obj, { all: true }), new: !existing };
    });
    return batchAnswer(reply, startedAt, results, []);
  });

  app.post('/crm/v3/objects/:objectType/batch/archive', async (req, reply) => {
    const type = objectTypeParam(req);
    const { portal } = requireObjectScope(req, type, 'write');
    for (const input of inputsOf(req.body)) {
      const obj = findObject(portal, type, String(input.id ?? ''));
      if (obj) archiveObject(store, obj);
    }
    return reply.code(204).send();
  });
}

function notFoundError(type: keyof typeof objectTypeDefs, ids: string[]) {
  return {
    status: 'error',
    category: 'OBJECT_NOT_FOUND',
    message: `Could not get some ${objectTypeDefs[type].singular.toUpperCase()} objects, they may be deleted or not exist. Check that ids are valid.`,
    context: { ids },
  };
}

/** Two creates of one batch claiming the same unique value (e.g. email) → 409, as HubSpot does. */
function rejectDuplicateUniqueValues(portal: Portal, type: keyof typeof objectTypeDefs, all: Record<string, string>[]) {
  const unique = [...portal.properties[type].values()].filter((p) => p.hasUniqueValue).map((p) => p.name);
  for (const name of unique) {
    const seen = new Set<string>();
    for (const values of all) {
      const v = values[name];
      if (!v) continue;
      if (seen.has(v)) throw new HubSpotError(409, 'CONFLICT', `Duplicate value "${v}" for unique property "${name}" in batch input`);
      seen.add(v);
    }
  }
}
