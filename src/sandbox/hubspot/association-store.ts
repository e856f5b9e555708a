import { definedType, typesBetween, type AssociationCategory } from './association-types.js';
import { badRequest } from './errors.js';
import { objectTypeDefs, type ObjectType } from './object-types.js';
import type { AssociationSpec, Portal } from './store.js';

const key = (type: ObjectType, id: string) => `${type}:${id}`;

function addOne(portal: Portal, from: string, to: string, spec: AssociationSpec) {
  let targets = portal.associations.get(from);
  if (!targets) portal.associations.set(from, (targets = new Map()));
  const specs = targets.get(to) ?? [];
  if (!specs.some((s) => s.typeId === spec.typeId && s.category === spec.category)) specs.push(spec);
  targets.set(to, specs);
}

/** The inverse spec HubSpot keeps for the other direction (3 ↔ 4, 19 ↔ 20, …; labels keep their id). */
function inverseOf(spec: AssociationSpec): AssociationSpec {
  if (spec.category !== 'HUBSPOT_DEFINED') return spec;
  return { category: spec.category, typeId: definedType(spec.typeId)?.inverse ?? spec.typeId };
}

/** Associates two records, in both directions, after checking the type id fits the pair. */
export function associate(portal: Portal, fromType: ObjectType, fromId: string, toType: ObjectType, toId: string, spec: AssociationSpec) {
  if (spec.category === 'HUBSPOT_DEFINED') {
    const def = definedType(spec.typeId);
    if (!def || def.from !== fromType || def.to !== toType) {
      throw badRequest(
        `${spec.typeId} is not a valid association type id between ${objectTypeDefs[fromType].singular} and ${objectTypeDefs[toType].singular}`,
        [{ message: `invalid association type id ${spec.typeId}`, code: 'INVALID_ASSOCIATION_TYPE' }],
      );
    }
  }
  addOne(portal, key(fromType, fromId), key(toType, toId), spec);
  addOne(portal, key(toType, toId), key(fromType, fromId), inverseOf(spec));
}

export function disassociate(portal: Portal, fromType: ObjectType, fromId: string, toType: ObjectType, toId: string) {
  portal.associations.get(key(fromType, fromId))?.delete(key(toType, toId));
  portal.associations.get(key(toType, toId))?.delete(key(fromType, fromId));
}

/** Every record of `toType` associated with the given record, with the specs of each link. */
export function associationsOf(portal: Portal, fromType: ObjectType, fromId: string, toType: ObjectType) {
  const out: { toId: string; specs: AssociationSpec[] }[] = [];
  for (const [target, specs] of portal.associations.get(key(fromType, fromId)) ?? []) {
    const [type, id] = target.split(':') as [ObjectType, string];
    if (type !== toType || specs.length === 0) continue;
    if (portal.objects[toType].get(id)?.archived !== false) continue;
    out.push({ toId: id, specs });
  }
  return out.sort((a, b) => Number(a.toId) - Number(b.toId));
}

/** v4 rendering of one spec: `{category, typeId, label}`. */
export function renderSpec(spec: AssociationSpec) {
  const def = spec.category === 'HUBSPOT_DEFINED' ? definedType(spec.typeId) : undefined;
  return { category: spec.category, typeId: spec.typeId, label: def?.label ?? null };
}

/** v3 rendering (`contact_to_deal`, `contact_to_company_unlabeled`, …). */
export function v3TypeName(fromType: ObjectType, toType: ObjectType, spec: AssociationSpec): string {
  const base = `${objectTypeDefs[fromType].singular}_to_${objectTypeDefs[toType].singular}`;
  if (spec.category !== 'HUBSPOT_DEFINED') return String(spec.typeId);
  const def = definedType(spec.typeId);
  if (def?.label === 'Primary') return base;
  return typesBetween(fromType, toType).some((d) => d.label === 'Primary') ? `${base}_unlabeled` : base;
}

export function parseCategory(raw: unknown): AssociationCategory | undefined {
  return raw === 'HUBSPOT_DEFINED' || raw === 'USER_DEFINED' || raw === 'INTEGRATOR_DEFINED' ? raw : undefined;
}
