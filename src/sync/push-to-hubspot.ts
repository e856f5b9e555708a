import type { Client } from '@hubspot/api-client';
import { hubspotStatus } from '../providers/hubspot/hubspot-errors.js';
import { hubspotProperties } from '../providers/hubspot/hubspot-properties.js';
import { acceptedByHubSpot } from '../providers/hubspot/hubspot-values.js';
import { failureOf, invalidEmail, refusalOf, type Subject, type SyncFailure } from './hubspot-failure.js';
import { contactProperties, dealProperties, hasDeal, lineItemProperties, lineItemToDeal } from './hubspot-payloads.js';
import type { SyncItem } from './load-sync-items.js';
import { unique } from './load-sync-items.js';
import type { PortalCaller } from './portal-caller.js';
import { ensureProductOptions, forgetProductOptions } from './product-options.js';

/** How one payment's attempt ended, with the HubSpot ids learned on the way (kept even when a later step failed). */
export type PushOutcome =
  | { kind: 'synced'; contactId: string; dealId: string | null; dealComplete: boolean }
  | { kind: 'failed'; failure: SyncFailure; contactId: string | null; dealId: string | null };

/** HubSpot's batch endpoints take at most 100 inputs. */
export const maxBatchInputs = 100;

type UpsertInput = Parameters<Client['crm']['contacts']['batchApi']['upsert']>[0];
type LineItemsInput = Parameters<Client['crm']['lineItems']['batchApi']['create']>[0];
interface UpsertAnswer {
  results: { id: string; properties: Record<string, string | null>; _new?: boolean }[];
  errors?: { message?: string; category?: string; errors?: unknown[]; context?: { ids?: string[] } }[];
}

/**
 * Brings HubSpot up to date with a batch of one connection's payments, in as few calls as the data
 * allows (each a batch of up to 100; the portal caller paces them):
 *
 * 1. "Products purchased" offers every product the buyers bought (no call when already known);
 * 2. contacts upserted by email, one input per buyer, with their totals;
 * 3. deals upserted by the unique payment id (a retry updates the same deal, never a second one);
 * 4. for deals not yet complete: the deal→contact association, then the line items — created with
 *    their deal association in one call, and only after checking that a deal HubSpot already had
 *    (a crash after step 4 last time) has none, so they are never created twice.
 *
 * Every write sets values derived from the current records, so repeating any step is harmless.
 * HubSpot fails a whole batch upsert for one input it refuses (400, all or nothing), so what it is
 * known to refuse (an email it does not take) is held back as a dead letter before sending. A failed
 * call fails the payments it carried (a batch HubSpot still refuses as a whole is split until the
 * refused inputs are found); the others go on.
 */
export async function pushToHubSpot(caller: PortalCaller, items: SyncItem[]): Promise<Map<string, PushOutcome>> {
  const outcomes = new Map<string, PushOutcome>();
  const contactIds = new Map<string, string>();
  const deals = new Map<string, { id: string; created: boolean }>();
  const fail = (item: SyncItem, failure: SyncFailure) =>
    outcomes.set(item.transactionId, { kind: 'failed', failure, contactId: contactIds.get(item.contact.id) ?? item.contact.hubspotContactId, dealId: deals.get(item.transactionId)?.id ?? item.hubspotDealId });
  const alive = () => items.filter((i) => !outcomes.has(i.transactionId));

  // 1–2. Contacts. HubSpot refuses a whole batch upsert for one email it does not take: those are
  // dead letters before anything is sent.
  const contactFailures = new Map<string, SyncFailure>();
  for (const contact of unique(items.map((i) => i.contact))) if (!acceptedByHubSpot(contact.email)) contactFailures.set(contact.id, invalidEmail(contact.email));
  const contacts = unique(items.map((i) => i.contact)).filter((c) => !contactFailures.has(c.id));
  try {
    await ensureProductOptions(caller, uniqueBy(contacts.flatMap((c) => c.products), (p) => p.id));
  } catch (err) {
    const failure = failureOf(err, { kind: 'product options' });
    for (const item of items) fail(item, contactFailures.get(item.contact.id) ?? failure);
    return outcomes;
  }
  await sendInBatches(
    contacts,
    () => 1,
    async (batch) => {
      const answer = (await caller.call('contacts.upsert', (client) =>
        client.crm.contacts.batchApi.upsert({ inputs: batch.map((c) => ({ id: c.email, idProperty: 'email', properties: contactProperties(c) })) } as UpsertInput),
      )) as unknown as UpsertAnswer;
      const byEmail = new Map(batch.map((c) => [c.email, c]));
      for (const r of answer.results) {
        const contact = byEmail.get(String(r.properties.email ?? '').toLowerCase());
        if (contact) contactIds.set(contact.id, String(r.id));
      }
      for (const e of answer.errors ?? []) {
        for (const id of e.context?.ids ?? []) {
          const contact = byEmail.get(String(id).toLowerCase());
          if (contact) contactFailures.set(contact.id, refusalOf(e, { kind: 'contact', email: contact.email }));
        }
      }
      for (const c of batch) if (!contactIds.has(c.id) && !contactFailures.has(c.id)) contactFailures.set(c.id, unanswered({ kind: 'contact', email: c.email }));
    },
    (batch, err) => {
      for (const c of batch) contactFailures.set(c.id, failureOf(err, { kind: 'contact', email: c.email }));
    },
  );
  if ([...contactFailures.values()].some((f) => f.code === 'product_options_changed')) forgetProductOptions(caller.portalId);
  for (const item of items) {
    const failure = contactFailures.get(item.contact.id);
    if (failure) fail(item, failure);
  }

  // 3. Deals.
  const dealFailures = new Map<string, SyncFailure>();
  await sendInBatches(
    alive().filter(hasDeal),
    () => 1,
    async (batch) => {
      const idProperty = hubspotProperties.deal.paymentId;
      const answer = (await caller.call('deals.upsert', (client) =>
        client.crm.deals.batchApi.upsert({ inputs: batch.map((i) => ({ id: i.transactionId, idProperty, properties: dealProperties(i) })) } as UpsertInput),
      )) as unknown as UpsertAnswer;
      for (const r of answer.results) deals.set(String(r.properties[idProperty]), { id: String(r.id), created: r._new === true });
      for (const e of answer.errors ?? []) for (const id of e.context?.ids ?? []) dealFailures.set(String(id), refusalOf(e, { kind: 'deal' }));
      for (const i of batch) if (!deals.has(i.transactionId) && !dealFailures.has(i.transactionId)) dealFailures.set(i.transactionId, unanswered({ kind: 'deal' }));
    },
    (batch, err) => {
      for (const i of batch) dealFailures.set(i.transactionId, failureOf(err, { kind: 'deal' }));
    },
  );
  for (const item of alive()) {
    const failure = dealFailures.get(item.transactionId);
    if (failure) fail(item, failure);
  }

  // 4. Association and line items, once per deal.
  const toLink = alive().filter((i) => hasDeal(i) && (deals.get(i.transactionId)!.created || !i.sync.dealComplete));
  await sendInBatches(
    toLink,
    () => 1,
    async (batch) => {
      const inputs = batch.map((i) => ({ _from: { id: deals.get(i.transactionId)!.id }, to: { id: contactIds.get(i.contact.id)! } }));
      await caller.call('associations.create', (client) => client.crm.associations.v4.batchApi.createDefault('deals', 'contacts', { inputs }));
    },
    (batch, err) => {
      for (const i of batch) fail(i, failureOf(err, { kind: 'association' }));
    },
  );
  const hasLineItems = await dealsWithLineItems(caller, alive().filter((i) => toLink.includes(i) && !deals.get(i.transactionId)!.created), deals, fail);
  const needLineItems = alive().filter((i) => toLink.includes(i) && !hasLineItems.has(deals.get(i.transactionId)!.id));
  await sendInBatches(
    needLineItems,
    (i) => i.items.length,
    async (batch) => {
      const inputs = batch.flatMap((i) =>
        i.items.map((purchased) => ({
          properties: lineItemProperties(purchased, i.currency),
          associations: [{ to: { id: deals.get(i.transactionId)!.id }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: lineItemToDeal }] }],
        })),
      );
      await caller.call('line_items.create', (client) => client.crm.lineItems.batchApi.create({ inputs } as unknown as LineItemsInput));
    },
    (batch, err) => {
      for (const i of batch) fail(i, failureOf(err, { kind: 'line items' }));
    },
  );

  for (const item of alive()) {
    const deal = deals.get(item.transactionId);
    outcomes.set(item.transactionId, { kind: 'synced', contactId: contactIds.get(item.contact.id)!, dealId: deal?.id ?? null, dealComplete: Boolean(deal) });
  }
  return outcomes;
}

/**
 * Which of these deals (ones HubSpot already had: a crash or a failure after their upsert last time)
 * have line items already, in one batch read of associations per 100. A payment's line items are
 * always created in one call, so a deal has all of them or none.
 */
async function dealsWithLineItems(
  caller: PortalCaller,
  items: SyncItem[],
  deals: Map<string, { id: string; created: boolean }>,
  fail: (item: SyncItem, failure: SyncFailure) => void,
): Promise<Set<string>> {
  const linked = new Set<string>();
  await sendInBatches(
    items,
    () => 1,
    async (batch) => {
      const inputs = batch.map((i) => ({ id: deals.get(i.transactionId)!.id }));
      const answer = await caller.call('associations.read', (client) => client.crm.associations.v4.batchApi.getPage('deals', 'line_items', { inputs }));
      for (const r of answer.results) if (r.to.length > 0) linked.add(String(r._from.id));
    },
    (batch, err) => {
      for (const i of batch) fail(i, failureOf(err, { kind: 'line items' }));
    },
  );
  return linked;
}

/** An input HubSpot's answer neither created nor refused (should not happen): try again later. */
function unanswered(subject: Subject): SyncFailure {
  const what = subject.kind === 'contact' ? `the contact ${subject.email}` : `the ${subject.kind}`;
  return { retryable: true, code: 'hubspot_unavailable', message: `HubSpot's answer did not mention ${what}; it is sent again on the next attempt.` };
}

function uniqueBy<T>(values: T[], key: (v: T) => string): T[] {
  return [...new Map(values.map((v) => [key(v), v])).values()];
}

const refusedWhole = (err: unknown) => {
  const status = hubspotStatus(err)?.status;
  return status === 400 || status === 409 || status === 422;
};

/**
 * Sends units (a contact, a deal, a payment's line items) in batches of at most 100 inputs, a unit
 * never split across two calls. A batch HubSpot refuses as a whole (one bad value refuses them all)
 * is halved until the refused units are alone; any other failure fails the batch's units.
 */
async function sendInBatches<U>(units: U[], size: (unit: U) => number, send: (batch: U[]) => Promise<void>, onFailure: (batch: U[], err: unknown) => void) {
  const batches: U[][] = [];
  let current: U[] = [];
  let inputs = 0;
  for (const unit of units) {
    if (current.length > 0 && inputs + size(unit) > maxBatchInputs) {
      batches.push(current);
      current = [];
      inputs = 0;
    }
    current.push(unit);
    inputs += size(unit);
  }
  if (current.length > 0) batches.push(current);

  const sendOrSplit = async (batch: U[]): Promise<void> => {
    try {
      await send(batch);
    } catch (err) {
      if (batch.length > 1 && refusedWhole(err)) {
        const half = Math.ceil(batch.length / 2);
        await sendOrSplit(batch.slice(0, half));
        await sendOrSplit(batch.slice(half));
      } else {
        onFailure(batch, err);
      }
    }
  };
  for (const batch of batches) await sendOrSplit(batch);
}
