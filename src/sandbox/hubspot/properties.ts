import type { FastifyInstance, FastifyRequest } from 'fastify';
import { auth } from './auth.js';
import { fieldTypes, propertyTypes, type PropertyDef, type PropertyGroupDef, type PropertyOption, type PropertyType } from './default-properties.js';
import { badRequest, HubSpotError, notFound } from './errors.js';
import { resolveObjectType, typeIdToObjectType, type ObjectType } from './object-types.js';
import { objectTypeParam } from './objects.js';
import type { HubSpotStore, Portal } from './store.js';

interface PropertyInput {
  name?: string;
  label?: string;
  type?: string;
  fieldType?: string;
  groupName?: string;
  description?: string;
  options?: { label?: string; value?: string; displayOrder?: number; hidden?: boolean; description?: string }[];
  displayOrder?: number;
  hasUniqueValue?: boolean;
  hidden?: boolean;
  formField?: boolean;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function renderProperty(p: PropertyDef) {
  return {
    name: p.name,
    label: p.label,
    type: p.type,
    fieldType: p.fieldType,
    description: p.description,
    groupName: p.groupName,
    options: p.options,
    displayOrder: p.displayOrder,
    calculated: p.calculated,
    externalOptions: false,
    hasUniqueValue: p.hasUniqueValue,
    hidden: p.hidden,
    hubspotDefined: p.hubspotDefined || undefined,
    modificationMetadata: { archivable: !p.hubspotDefined, readOnlyDefinition: p.hubspotDefined, readOnlyValue: p.readOnlyValue },
    formField: p.formField,
    createdAt: iso(p.createdAt),
    updatedAt: iso(p.updatedAt),
    archived: p.archivedAt !== undefined,
    ...(p.archivedAt !== undefined ? { archivedAt: iso(p.archivedAt) } : {}),
  };
}

const renderGroup = (g: PropertyGroupDef) => ({ name: g.name, label: g.label, displayOrder: g.displayOrder, archived: g.archived });

function checkOptions(raw: PropertyInput['options']): PropertyOption[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw badRequest('Invalid input JSON: options must be an array');
  const seen = new Set<string>();
  return raw.map((o, i) => {
    if (!o?.label || o.value === undefined || o.value === '') throw badRequest('Every option needs a label and a value');
    if (seen.has(String(o.value))) throw badRequest(`Duplicate option value ${o.value}`);
    seen.add(String(o.value));
    return { label: o.label, value: String(o.value), displayOrder: o.displayOrder ?? i, hidden: o.hidden ?? false, description: o.description ?? '' };
  });
}

/** Deal `pipeline` and `dealstage` options follow the portal's pipelines, as in HubSpot. */
function withPipelineOptions(portal: Portal, type: ObjectType, def: PropertyDef): PropertyDef {
  if (type !== 'deals' || (def.name !== 'pipeline' && def.name !== 'dealstage')) return def;
  const pipelines = [...portal.pipelines.values()].filter((p) => !p.archived);
  const options = def.name === 'pipeline'
    ? pipelines.map((p, i) => ({ label: p.label, value: p.id, displayOrder: i, hidden: false }))
    : pipelines.flatMap((p) => p.stages.map((s) => ({ label: s.label, value: s.id, displayOrder: s.displayOrder, hidden: false, description: p.label })));
  return { ...def, options };
}

function propertyOf(req: FastifyRequest) {
  const type = objectTypeParam(req);
  const { portal } = auth(req);
  const render = (def: PropertyDef) => renderProperty(withPipelineOptions(portal, type, def));
  return { type, portal, properties: portal.properties[type], groups: portal.groups[type], render };
}

/** Properties and property groups (`/crm/v3/properties/{objectType}…`); enumeration options grow by PATCH. */
export async function registerPropertyRoutes(app: FastifyInstance, store: HubSpotStore) {
  /** `archived=true` lists the recycling bin only, as HubSpot's `archived` parameter does; otherwise the live properties. */
  const wantsArchived = (req: FastifyRequest) => (req.query as { archived?: string }).archived === 'true';

  app.get('/crm/v3/properties/:objectType', async (req) => {
    const { properties, render } = propertyOf(req);
    const archived = wantsArchived(req);
    return { results: [...properties.values()].filter((p) => (p.archivedAt !== undefined) === archived).map(render) };
  });

  app.post('/crm/v3/properties/:objectType', async (req, reply) => {
    const { properties, groups } = propertyOf(req);
    const input = (req.body ?? {}) as PropertyInput;
    if (!input.name || !/^[a-z][a-z0-9_]*$/.test(input.name)) {
      throw badRequest(`Invalid property name: ${input.name ?? '(missing)'}; use lower-case letters, digits and underscores, starting with a letter`);
    }
    if (!input.label) throw badRequest('label is required');
    if (!propertyTypes.includes(input.type as PropertyType)) throw badRequest(`Invalid type ${input.type}; expected one of ${propertyTypes.join(', ')}`);
    if (!input.fieldType || !fieldTypes.includes(input.fieldType)) throw badRequest(`Invalid fieldType ${input.fieldType}; expected one of ${fieldTypes.join(', ')}`);
    if (!input.groupName || !groups.has(input.groupName)) throw badRequest(`Property group ${input.groupName ?? '(missing)'} does not exist`);
    const taken = properties.get(input.name);
    if (taken) {
      // A deleted property keeps its name in the recycling bin: the name conflicts until it is restored (or purged).
      const where = taken.archivedAt !== undefined ? ' in the recycling bin' : '';
      throw new HubSpotError(409, 'OBJECT_ALREADY_EXISTS', `A property named '${input.name}' already exists${where}.`, { context: { name: [input.name] } });
    }
    const now = store.clock.nowMs();
    const def: PropertyDef = {
      name: input.name,
      label: input.label,
      type: input.type as PropertyType,
      fieldType: input.fieldType,
      description: input.description ?? '',
      groupName: input.groupName,
      options: checkOptions(input.options),
      displayOrder: input.displayOrder ?? -1,
      hasUniqueValue: input.hasUniqueValue ?? false,
      hidden: input.hidden ?? false,
      formField: input.formField ?? true,
      hubspotDefined: false,
      readOnlyValue: false,
      calculated: false,
      createdAt: now,
      updatedAt: now,
    };
    properties.set(def.name, def);
    return reply.code(201).send(renderProperty(def));
  });

  app.get('/crm/v3/properties/:objectType/:propertyName', async (req) => {
    const { properties, render } = propertyOf(req);
    const def = properties.get((req.params as { propertyName: string }).propertyName);
    if (!def || (def.archivedAt !== undefined) !== wantsArchived(req)) throw notFound(`Unable to find property ${(req.params as { propertyName: string }).propertyName}`);
    return render(def);
  });

  app.patch('/crm/v3/properties/:objectType/:propertyName', async (req) => {
    const { properties, groups } = propertyOf(req);
    const def = properties.get((req.params as { propertyName: string }).propertyName);
    if (!def || def.archivedAt !== undefined) throw notFound(`Unable to find property ${(req.params as { propertyName: string }).propertyName}`);
    const input = (req.body ?? {}) as PropertyInput;
    if (input.groupName !== undefined && !groups.has(input.groupName)) throw badRequest(`Property group ${input.groupName} does not exist`);
    if (input.type !== undefined && !propertyTypes.includes(input.type as PropertyType)) throw badRequest(`Invalid type ${input.type}`);
    if (input.fieldType !== undefined && !fieldTypes.includes(input.fieldType)) throw badRequest(`Invalid fieldType ${input.fieldType}`);
    if (def.hubspotDefined && (input.type !== undefined || input.fieldType !== undefined)) {
      throw badRequest(`The definition of HubSpot-defined property ${def.name} cannot be changed`);
    }
    // HubSpot replaces the option list with the one given: callers send the old options plus the new ones.
    if (input.options !== undefined) def.options = checkOptions(input.options);
    for (const key of ['label', 'description', 'groupName', 'displayOrder', 'hidden', 'formField', 'type', 'fieldType'] as const) {
      if (input[key] !== undefined) (def as unknown as Record<string, unknown>)[key] = input[key];
    }
    def.updatedAt = store.clock.nowMs();
    return renderProperty(def);
  });

  app.delete('/crm/v3/properties/:objectType/:propertyName', async (req, reply) => {
    const { properties } = propertyOf(req);
    const name = (req.params as { propertyName: string }).propertyName;
    const def = properties.get(name);
    if (def?.hubspotDefined) throw badRequest(`HubSpot-defined property ${name} cannot be archived`);
    // "Archive a property: move a property … to the recycling bin" (HubSpot's Properties API): its values stay with the records.
    if (def && def.archivedAt === undefined) def.archivedAt = store.clock.nowMs();
    return reply.code(204).send();
  });

  /**
   * HubSpot's restore from the recycling bin (`POST /crm/schemas/2027-03-beta/objects/{objectTypeId}/properties/batch/restore`
   * `{inputs:[{name}]}`): the properties come back as they were, their values on the records with them.
   */
  app.post('/crm/schemas/2027-03-beta/objects/:objectTypeId/properties/batch/restore', async (req) => {
    const { portal } = auth(req);
    const objectTypeId = (req.params as { objectTypeId: string }).objectTypeId;
    const type = typeIdToObjectType(objectTypeId) ?? resolveObjectType(objectTypeId);
    if (!type) throw badRequest(`Unknown object type ${objectTypeId}`);
    const inputs = (req.body as { inputs?: Array<{ name?: string }> } | undefined)?.inputs;
    if (!Array.isArray(inputs) || inputs.length === 0) throw badRequest('inputs must be a non-empty array of {name}');
    const results = inputs.map(({ name }) => {
      const def = name ? portal.properties[type].get(name) : undefined;
      if (!def || def.archivedAt === undefined) throw notFound(`No property ${name ?? '(missing)'} in the recycling bin`);
      return def;
    });
    const now = store.clock.nowMs();
    for (const def of results) {
      delete def.archivedAt;
      def.updatedAt = now;
    }
    return { status: 'COMPLETE', results: results.map(renderProperty) };
  });

  app.get('/crm/v3/properties/:objectType/groups', async (req) => ({ results: [...propertyOf(req).groups.values()].map(renderGroup) }));

  app.post('/crm/v3/properties/:objectType/groups', async (req, reply) => {
    const { groups } = propertyOf(req);
    const input = (req.body ?? {}) as { name?: string; label?: string; displayOrder?: number };
    if (!input.name || !/^[a-z][a-z0-9_]*$/.test(input.name)) throw badRequest(`Invalid property group name: ${input.name ?? '(missing)'}`);
    if (!input.label) throw badRequest('label is required');
    if (groups.has(input.name)) {
      throw new HubSpotError(409, 'OBJECT_ALREADY_EXISTS', `A property group named '${input.name}' already exists.`, { context: { name: [input.name] } });
    }
    const group: PropertyGroupDef = { name: input.name, label: input.label, displayOrder: input.displayOrder ?? -1, archived: false };
    groups.set(group.name, group);
    return reply.code(201).send(renderGroup(group));
  });

  app.get('/crm/v3/properties/:objectType/groups/:groupName', async (req) => {
    const name = (req.params as { groupName: string }).groupName;
    const group = propertyOf(req).groups.get(name);
    if (!group) throw notFound(`Unable to find property group ${name}`);
    return renderGroup(group);
  });

  app.patch('/crm/v3/properties/:objectType/groups/:groupName', async (req) => {
    const name = (req.params as { groupName: string }).groupName;
    const group = propertyOf(req).groups.get(name);
    if (!group) throw notFound(`Unable to find property group ${name}`);
    const input = (req.body ?? {}) as { label?: string; displayOrder?: number };
    if (input.label !== undefined) group.label = input.label;
    if (input.displayOrder !== undefined) group.displayOrder = input.displayOrder;
    return renderGroup(group);
  });
}
