import { associate, associationsOf, parseCategory, v3TypeName } from './association-store.js';
import { definedType } from './association-types.js';
import { badRequest, conflict, HubSpotError, notFound } from './errors.js';
import { objectTypeDefs, resolveObjectType, type ObjectType } from './object-types.js';
import type { CrmObject, HubSpotStore, Portal } from './store.js';
import { checkProperties, propertyValidationError, type PropertyProblem } from './validation.js';

/** An association as given when creating a record: `{to:{id}, types:[{associationCategory, associationTypeId}]}`. */
export interface AssociationInput {
  to?: { id?: string | number };
  types?: { associationCategory?: string; associationTypeId?: number }[];
}

export interface RenderOptions {
  properties?: string[];
  associations?: string[];
  /** Every stored property (create/update answers). */
  all?: boolean;
}

/** Splits a `properties=a,b&properties=c` query value into names. */
export function listParam(raw: unknown): string[] | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined;
  const parts = (Array.isArray(raw) ? raw : [raw]).flatMap((v) => String(v).split(','));
  const names = parts.map((p) => p.trim()).filter(Boolean);
  return names.length ? names : undefined;
}

export function renderObject(portal: Portal, type: ObjectType, obj: CrmObject, opts: RenderOptions = {}) {
  const def = objectTypeDefs[type];
  const properties: Record<string, string | null> = {};
  if (opts.all) Object.assign(properties, obj.properties);
  else {
    const names = opts.properties ? [...opts.properties, 'hs_object_id', def.createdProperty, def.modifiedProperty] : def.defaultProperties;
    for (const name of names) properties[name] = obj.properties[name] ?? null;
  }
  const out: Record<string, unknown> = {
    id: obj.id,
    properties,
    createdAt: new Date(obj.createdAt).toISOString(),
    updatedAt: new Date(obj.updatedAt).toISOString(),
    archived: obj.archived,
  };
  if (obj.archivedAt !== undefined) out.archivedAt = new Date(obj.archivedAt).toISOString();
  if (opts.associations) {
    const associations: Record<string, unknown> = {};
    for (const raw of opts.associations) {
      const toType = resolveObjectType(raw);
      if (!toType) continue;
      const results = associationsOf(portal, type, obj.id, toType).flatMap(({ toId, specs }) =>
        specs.map((spec) => ({ id: toId, type: v3TypeName(type, toType, spec) })),
      );
      if (results.length) associations[raw] = { results };
    }
    if (Object.keys(associations).length) out.associations = associations;
  }
  return out;
}

/** A record by id, or by the value of a unique property (`idProperty=email`). Archived records are not found. */
export function findObject(portal: Portal, type: ObjectType, id: string, idProperty?: string, archived = false): CrmObject | undefined {
  if (!idProperty || idProperty === 'hs_object_id') {
    const obj = portal.objects[type].get(id);
    return obj && obj.archived === archived ? obj : undefined;
  }
  return findByProperty(portal, type, idProperty, id, archived);
}

export function findByProperty(portal: Portal, type: ObjectType, property: string, value: string, archived = false) {
  const wanted = property === 'email' ? value.trim().toLowerCase() : value;
  for (const obj of portal.objects[type].values()) {
    if (obj.archived === archived && obj.properties[property] === wanted) return obj;
  }
  return undefined;
}

export function requireObject(portal: Portal, type: ObjectType, id: string, idProperty?: string): CrmObject {
  const obj = findObject(portal, type, id, idProperty);
  if (!obj) throw notFound();
  return obj;
}

/** The property problems of a write, plus a thrown 409 when a unique value is taken. */
export function checkWrite(portal: Portal, type: ObjectType, input: unknown, existing?: CrmObject): { values: Record<string, string>; problems: PropertyProblem[] } {
  const checked = checkProperties(portal, type, input, existing?.properties);
  for (const [name, value] of Object.entries(checked.values)) {
    if (!value || !portal.properties[type].get(name)?.hasUniqueValue) continue;
    const other = findByProperty(portal, type, name, value);
    if (other && other.id !== existing?.id) throw uniqueConflict(type, name, value, other.id);
  }
  return checked;
}

export function uniqueConflict(type: ObjectType, name: string, value: string, existingId: string): HubSpotError {
  if (type === 'contacts' && name === 'email') return conflict(`Contact already exists. Existing ID: ${existingId}`);
  return conflict(`A ${objectTypeDefs[type].singular} with the unique value "${value}" for property "${name}" already exists. Existing ID: ${existingId}`);
}

/** Checks associations of a create before anything is written; returns them resolved. */
export function checkAssociations(portal: Portal, type: ObjectType, inputs: unknown) {
  if (inputs === undefined || inputs === null) return [];
  if (!Array.isArray(inputs)) throw badRequest('Invalid input JSON: associations must be an array');
  return (inputs as AssociationInput[]).flatMap((input) => {
    const toId = String(input?.to?.id ?? '');
    return (input?.types ?? []).map((t) => {
      const category = parseCategory(t.associationCategory);
      const typeId = Number(t.associationTypeId);
      const toType = category === 'HUBSPOT_DEFINED' ? definedType(typeId)?.to : undefined;
      if (!category || !toType || definedType(typeId)?.from !== type) {
        throw badRequest(`${t.associationTypeId} is not a valid association type id for ${objectTypeDefs[type].singular}`, [
          { message: `invalid association type id ${t.associationTypeId}`, code: 'INVALID_ASSOCIATION_TYPE' },
        ]);
      }
      if (!findObject(portal, toType, toId)) {
        throw badRequest('One or more associations are invalid', [
          { message: `No ${objectTypeDefs[toType].singular} with ID ${toId} exists`, code: 'INVALID_OBJECT_ID', context: { id: [toId] } },
        ]);
      }
      return { toType, toId, spec: { category, typeId } };
    });
  });
}

function applyValues(obj: CrmObject, values: Record<string, string>) {
  for (const [name, value] of Object.entries(values)) {
    if (value === '') delete obj.properties[name];
    else obj.properties[name] = value;
  }
}

/** Line items keep `amount` = quantity × (price − discount) − percentage discount, as HubSpot calculates it. */
function recalculate(type: ObjectType, obj: CrmObject) {
  if (type !== 'line_items') return;
  const { price, quantity, discount, hs_discount_percentage: pct } = obj.properties;
  if (price === undefined) return;
  const unit = Number(price) - Number(discount ?? 0);
  const gross = unit * Number(quantity ?? 1) * (1 - Number(pct ?? 0) / 100);
  obj.properties.amount = String(Math.round(gross * 100) / 100);
}

/** Creates a record from already-checked values. */
export function insertObject(store: HubSpotStore, portal: Portal, type: ObjectType, values: Record<string, string>, associations: ReturnType<typeof checkAssociations> = []): CrmObject {
  const def = objectTypeDefs[type];
  const now = store.clock.nowMs();
  const id = store.nextObjectId(portal);
  const obj: CrmObject = { id, properties: {}, createdAt: now, updatedAt: now, archived: false };
  applyValues(obj, values);
  if (type === 'deals' && !obj.properties.pipeline) obj.properties.pipeline = 'default';
  if (obj.properties[def.createdProperty]) obj.createdAt = Date.parse(obj.properties[def.createdProperty]);
  obj.properties[def.createdProperty] = new Date(obj.createdAt).toISOString();
  obj.properties[def.modifiedProperty] = new Date(now).toISOString();
  obj.properties.hs_object_id = id;
  recalculate(type, obj);
  portal.objects[type].set(id, obj);
  for (const a of associations) associate(portal, type, id, a.toType, a.toId, a.spec);
  return obj;
}

/** Validates and creates one record (`POST /crm/v3/objects/{type}`). */
export function createObject(store: HubSpotStore, portal: Portal, type: ObjectType, body: { properties?: unknown; associations?: unknown }) {
  const { values, problems } = checkWrite(portal, type, body?.properties ?? {});
  if (problems.length) throw propertyValidationError(portal, problems);
  const associations = checkAssociations(portal, type, body?.associations);
  return insertObject(store, portal, type, values, associations);
}

export function updateValues(store: HubSpotStore, type: ObjectType, obj: CrmObject, values: Record<string, string>) {
  applyValues(obj, values);
  obj.updatedAt = store.clock.nowMs();
  obj.properties[objectTypeDefs[type].modifiedProperty] = new Date(obj.updatedAt).toISOString();
  recalculate(type, obj);
}

export function archiveObject(store: HubSpotStore, obj: CrmObject) {
  obj.archived = true;
  obj.archivedAt = store.clock.nowMs();
}
