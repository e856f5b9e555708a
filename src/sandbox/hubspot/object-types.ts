/** The CRM object types the HubSpot stand-in knows, with HubSpot's names, type ids and system properties. */
export const objectTypes = ['contacts', 'companies', 'deals', 'line_items', 'notes', 'products'] as const;
export type ObjectType = (typeof objectTypes)[number];

export interface ObjectTypeDef {
  /** HubSpot's object type id, e.g. `0-1` for contacts. */
  typeId: string;
  /** Singular name used in association type names (`contact_to_deal`) and error messages. */
  singular: string;
  /** The property holding the creation timestamp. */
  createdProperty: string;
  /** The property holding the last-modified timestamp (contacts differ from the rest). */
  modifiedProperty: string;
  /** Properties returned when a read names none. */
  defaultProperties: string[];
  /** Properties a free-text search `query` looks at. */
  queryProperties: string[];
  /** Scope family, e.g. `crm.objects.contacts` (`.read` / `.write` appended). */
  scope: string;
}

export const objectTypeDefs: Record<ObjectType, ObjectTypeDef> = {
  contacts: {
    typeId: '0-1',
    singular: 'contact',
    createdProperty: 'createdate',
    modifiedProperty: 'lastmodifieddate',
    defaultProperties: ['createdate', 'email', 'firstname', 'hs_object_id', 'lastmodifieddate', 'lastname'],
    queryProperties: ['email', 'firstname', 'lastname', 'phone', 'company'],
    scope: 'crm.objects.contacts',
  },
  companies: {
    typeId: '0-2',
    singular: 'company',
    createdProperty: 'createdate',
    modifiedProperty: 'hs_lastmodifieddate',
    defaultProperties: ['createdate', 'domain', 'hs_lastmodifieddate', 'hs_object_id', 'name'],
    queryProperties: ['name', 'domain', 'phone', 'website'],
    scope: 'crm.objects.companies',
  },
  deals: {
    typeId: '0-3',
    singular: 'deal',
    createdProperty: 'createdate',
    modifiedProperty: 'hs_lastmodifieddate',
    defaultProperties: ['amount', 'closedate', 'createdate', 'dealname', 'dealstage', 'hs_lastmodifieddate', 'hs_object_id', 'pipeline'],
    queryProperties: ['dealname'],
    scope: 'crm.objects.deals',
  },
  line_items: {
    typeId: '0-8',
    singular: 'line_item',
    createdProperty: 'createdate',
    modifiedProperty: 'hs_lastmodifieddate',
    defaultProperties: ['amount', 'createdate', 'hs_lastmodifieddate', 'hs_object_id', 'hs_product_id', 'name', 'price', 'quantity'],
    queryProperties: ['name', 'hs_sku'],
    scope: 'crm.objects.line_items',
  },
  notes: {
    typeId: '0-46',
    singular: 'note',
    createdProperty: 'hs_createdate',
    modifiedProperty: 'hs_lastmodifieddate',
    defaultProperties: ['hs_createdate', 'hs_lastmodifieddate', 'hs_note_body', 'hs_object_id', 'hs_timestamp'],
    queryProperties: ['hs_note_body'],
    scope: 'crm.objects.contacts',
  },
  products: {
    typeId: '0-7',
    singular: 'product',
    createdProperty: 'createdate',
    modifiedProperty: 'hs_lastmodifieddate',
    defaultProperties: ['createdate', 'description', 'hs_lastmodifieddate', 'hs_object_id', 'name', 'price'],
    queryProperties: ['name', 'description', 'hs_sku'],
    scope: 'e-commerce',
  },
};

const aliases = new Map<string, ObjectType>();
for (const type of objectTypes) {
  const def = objectTypeDefs[type];
  for (const alias of [type, def.singular, def.typeId]) aliases.set(alias.toLowerCase(), type);
}
aliases.set('lineitem', 'line_items');
aliases.set('lineitems', 'line_items');
aliases.set('note', 'notes');

/** Accepts what HubSpot accepts in a path: `contacts`, `contact`, `0-1` (any case). */
export function resolveObjectType(raw: string): ObjectType | undefined {
  return aliases.get(raw.toLowerCase());
}

export function typeIdToObjectType(typeId: string): ObjectType | undefined {
  return objectTypes.find((t) => objectTypeDefs[t].typeId === typeId);
}
