import type { ObjectType } from './object-types.js';

export type AssociationCategory = 'HUBSPOT_DEFINED' | 'USER_DEFINED' | 'INTEGRATOR_DEFINED';

interface DefinedType {
  typeId: number;
  from: ObjectType;
  to: ObjectType;
  inverse: number;
  label: string | null;
  /** The unlabeled default between the pair (what `…/associations/default/…` creates). */
  isDefault: boolean;
}

/** HubSpot's defined association type ids between the object types the stand-in knows. */
const defined: DefinedType[] = [
  { typeId: 1, from: 'contacts', to: 'companies', inverse: 2, label: 'Primary', isDefault: false },
  { typeId: 2, from: 'companies', to: 'contacts', inverse: 1, label: 'Primary', isDefault: false },
  { typeId: 279, from: 'contacts', to: 'companies', inverse: 280, label: null, isDefault: true },
  { typeId: 280, from: 'companies', to: 'contacts', inverse: 279, label: null, isDefault: true },
  { typeId: 4, from: 'contacts', to: 'deals', inverse: 3, label: null, isDefault: true },
  { typeId: 3, from: 'deals', to: 'contacts', inverse: 4, label: null, isDefault: true },
  { typeId: 5, from: 'deals', to: 'companies', inverse: 6, label: 'Primary', isDefault: false },
  { typeId: 6, from: 'companies', to: 'deals', inverse: 5, label: 'Primary', isDefault: false },
  { typeId: 341, from: 'deals', to: 'companies', inverse: 342, label: null, isDefault: true },
  { typeId: 342, from: 'companies', to: 'deals', inverse: 341, label: null, isDefault: true },
  { typeId: 19, from: 'deals', to: 'line_items', inverse: 20, label: null, isDefault: true },
  { typeId: 20, from: 'line_items', to: 'deals', inverse: 19, label: null, isDefault: true },
  { typeId: 201, from: 'contacts', to: 'notes', inverse: 202, label: null, isDefault: true },
  { typeId: 202, from: 'notes', to: 'contacts', inverse: 201, label: null, isDefault: true },
  { typeId: 213, from: 'deals', to: 'notes', inverse: 214, label: null, isDefault: true },
  { typeId: 214, from: 'notes', to: 'deals', inverse: 213, label: null, isDefault: true },
  { typeId: 189, from: 'companies', to: 'notes', inverse: 190, label: null, isDefault: true },
  { typeId: 190, from: 'notes', to: 'companies', inverse: 189, label: null, isDefault: true },
];

export function definedType(typeId: number): DefinedType | undefined {
  return defined.find((d) => d.typeId === typeId);
}

export function defaultTypeBetween(from: ObjectType, to: ObjectType): DefinedType | undefined {
  return defined.find((d) => d.from === from && d.to === to && d.isDefault);
}

export function typesBetween(from: ObjectType, to: ObjectType): DefinedType[] {
  return defined.filter((d) => d.from === from && d.to === to);
}
