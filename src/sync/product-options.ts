import { hubspotProperties } from '../providers/hubspot/hubspot-properties.js';
import type { PortalCaller } from './portal-caller.js';

interface Option {
  label: string;
  value: string;
  hidden?: boolean;
  displayOrder?: number;
}

type UpdateInput = Parameters<import('@hubspot/api-client').Client['crm']['properties']['coreApi']['update']>[2];

// Per portal: option value → label HubSpot is known to offer on "Products purchased". A burst of
// payments for known products then costs no call; a miss costs one read (and one write if needed).
const known = new Map<string, Map<string, string>>();
const maxPortals = 10_000;

/** Forget what a portal offers (HubSpot refused an option: someone edited the property). */
export function forgetProductOptions(portalId: string) {
  known.delete(portalId);
}

/**
 * Makes sure the contacts' "Products purchased" checkbox offers each product (value = product id,
 * label = its current name) before contacts that bought them are written, through the sync's shared
 * rate limit. HubSpot replaces an enumeration's options with the list given, so the whole list is
 * sent; another instance adding an option at the same moment can lose it, in which case HubSpot
 * refuses the contact with INVALID_OPTION, the cache is forgotten and the next attempt adds it again.
 */
export async function ensureProductOptions(caller: PortalCaller, products: { id: string; name: string }[]) {
  const portalId = caller.portalId;
  const isKnown = (p: { id: string; name: string }) => known.get(portalId)?.get(p.id) === p.name;
  if (products.every(isKnown)) return;

  const name = hubspotProperties.contact.productsPurchased;
  const property = (await caller.call('properties.read', (client) => client.crm.properties.coreApi.getByName('contacts', name))) as unknown as { options?: Option[] };
  const options = (property.options ?? []).map((o) => ({ label: o.label, value: o.value, hidden: o.hidden ?? false, displayOrder: o.displayOrder }));
  let changed = false;
  for (const product of products) {
    const found = options.find((o) => o.value === product.id);
    if (!found) {
      options.push({ label: product.name, value: product.id, hidden: false, displayOrder: options.length });
      changed = true;
    } else if (found.label !== product.name) {
      found.label = product.name;
      changed = true;
    }
  }
  if (changed) {
    const input = { options } as unknown as UpdateInput;
    await caller.call('properties.update', (client) => client.crm.properties.coreApi.update('contacts', name, input));
  }
  if (!known.has(portalId) && known.size >= maxPortals) known.delete(known.keys().next().value!);
  known.set(portalId, new Map(options.map((o) => [o.value, o.label])));
}
