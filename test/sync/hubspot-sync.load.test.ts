import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { drivers } from '../helpers/databases.js';
import { createMerchant, type Merchant } from '../helpers/checkout.js';
import { createPaidTransactions } from './paid-transactions.js';
import { allSynced, connectHubSpot, startSyncWorld, syncProgress, syncRows, waitUntil, type SyncWorld } from './sync-world.js';

describe.each(drivers)('HubSpot sync under load (%s)', (driver) => {
  let world: SyncWorld;
  beforeAll(async () => {
    world = await startSyncWorld(driver, {}, { worker: false });
  }, 60_000);
  afterAll(() => world?.close());
  // Not one chunk may fail for a reason that is not HubSpot's (a deadlock between workers, say).
  afterEach(() => expect(world.workerErrors).toEqual([]));

  /** What our rows say each payment's buyer and HubSpot records are. */
  async function ours(merchant: Merchant) {
    const { rows } = await world.t.ctx.database.query<{ id: string; email: string; quantity: number; payments_count: number; hubspot_contact_id: string; hubspot_deal_id: string }>(
      `SELECT t.id, c.email, i.quantity, c.payments_count, c.hubspot_contact_id, t.hubspot_deal_id
         FROM transactions t JOIN contacts c ON c.id = t.contact_id JOIN transaction_items i ON i.transaction_id = t.id
        WHERE t.account_id = $1`,
      [merchant.accountId],
    );
    return rows;
  }

  const queuedJobs = async (merchant: Merchant) =>
    (
      await world.t.ctx.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'hubspot-sync' AND state < 'completed' AND data->>'accountId' = $1`, [
        merchant.accountId,
      ])
    ).rows[0]!.n;

  /** Exactly one contact per buyer, one deal per payment with one line item, each linked to the right records, and our rows pointing at them. */
  async function expectSyncedExactlyOnce(merchant: Merchant, portalId: string, buyers: number, payments: number) {
    const rows = await ours(merchant);
    const contacts = await world.hubspot.records(portalId, 'contacts');
    const deals = await world.hubspot.records(portalId, 'deals');
    const lineItems = await world.hubspot.records(portalId, 'line_items');
    expect(contacts).toHaveLength(buyers);
    expect(new Set(contacts.map((c) => c.properties.email)).size).toBe(buyers);
    expect(deals).toHaveLength(payments);
    expect(lineItems).toHaveLength(payments);

    const contactById = new Map(contacts.map((c) => [c.id, c]));
    const dealByPayment = new Map(deals.map((d) => [d.properties.onepagepay_payment_id, d]));
    const lineItemById = new Map(lineItems.map((l) => [l.id, l]));
    for (const row of rows) {
      const deal = dealByPayment.get(row.id)!;
      expect(deal.id).toBe(row.hubspot_deal_id);
      expect(deal.properties.amount).toBe(`${25 * row.quantity}.00`);
      const linked = deal.associations.contacts ?? [];
      expect(linked).toHaveLength(1);
      const contact = contactById.get(linked[0]!.id)!;
      expect(contact.id).toBe(row.hubspot_contact_id);
      expect(contact.properties).toMatchObject({ email: row.email, onepagepay_payment_count: String(row.payments_count) });
      const lines = deal.associations.line_items ?? [];
      expect(lines).toHaveLength(1);
      expect(lineItemById.get(lines[0]!.id)!.properties).toMatchObject({ name: 'T-shirt', quantity: String(row.quantity) });
    }
  }

  it('HubSpot down while 500 payments come in: once it is back, every one is synced exactly once', { timeout: 180_000 }, async () => {
    const merchant = await createMerchant(world.t);
    const portalId = await connectHubSpot(merchant);
    world.startWorker();
    let ids: string[] = [];
    await world.sandbox.setFaults('hubspot', { outage: 'refuse' });
    try {
      ids = await createPaidTransactions(world, merchant, 500, (i) => `buyer${i % 350}@example.com`);
      await waitUntil('every payment has failed at least once', async () => [...(await syncRows(world, ids)).values()].filter((r) => r.attempts >= 1).length === 500, 60_000);
      const rows = [...(await syncRows(world, ids)).values()];
      expect(rows.every((r) => r.state === 'pending' && r.error_code === 'unreachable')).toBe(true);
      expect(rows[0]!.last_error).toMatch(/HubSpot could not be reached/);
    } finally {
      await world.sandbox.setFaults('hubspot', { outage: 'off' });
    }
    await waitUntil('every payment is synced', () => allSynced(world, ids), 90_000, () => syncProgress(world, ids));
    await waitUntil('no sync job is left', async () => (await queuedJobs(merchant)) === 0, 30_000);
    await world.stopWorkers();
    await expectSyncedExactlyOnce(merchant, portalId, 350, 500);
  });

  it('a burst of 1,000 payments never exceeds the configured limit, across three workers, in far fewer calls than payments', { timeout: 180_000 }, async () => {
    const merchant = await createMerchant(world.t);
    const portalId = await connectHubSpot(merchant);
    const limit = { max: 10, intervalMs: 1000 };
    await world.hubspot.setRateLimit(portalId, limit);
    // Connecting made requests of its own (not the sync's): let HubSpot's window forget them first.
    await new Promise((resolve) => setTimeout(resolve, limit.intervalMs + 100));
    await world.hubspot.resetStats(portalId);
    const ids = await createPaidTransactions(world, merchant, 1000, (i) => `burst${i % 800}@example.com`);
    for (let i = 0; i < 3; i++) world.startWorker({ rateLimit: limit });
    await waitUntil('every payment is synced', () => allSynced(world, ids), 120_000, async () => ({ syncs: await syncProgress(world, ids), hubspot: await world.hubspot.stats(portalId) }));
    await waitUntil('no sync job is left', async () => (await queuedJobs(merchant)) === 0, 30_000);
    await world.stopWorkers();

    const stats = await world.hubspot.stats(portalId);
    expect(stats.maxRequestsInWindow, JSON.stringify(stats)).toBeLessThanOrEqual(limit.max);
    expect(stats.rateLimited, JSON.stringify(stats)).toBe(0);
    expect(stats.requests / ids.length).toBeLessThan(1.2);
    await expectSyncedExactlyOnce(merchant, portalId, 800, 1000);
  });

  it("HubSpot's own 429s are honoured: no payment is lost or synced twice", { timeout: 180_000 }, async () => {
    const merchant = await createMerchant(world.t);
    const portalId = await connectHubSpot(merchant);
    // HubSpot allows fewer requests than we were told: it answers 429 (TEN_SECONDLY_ROLLING, 1 s window in its headers).
    await world.hubspot.setRateLimit(portalId, { max: 3, intervalMs: 1000 });
    await world.hubspot.resetStats(portalId);
    const ids = await createPaidTransactions(world, merchant, 150, (i) => `limited${i}@example.com`);
    for (let i = 0; i < 2; i++) world.startWorker({ rateLimit: { max: 50, intervalMs: 1000 } });
    await waitUntil('every payment is synced', () => allSynced(world, ids), 120_000, async () => ({ syncs: await syncProgress(world, ids), hubspot: await world.hubspot.stats(portalId) }));
    await waitUntil('no sync job is left', async () => (await queuedJobs(merchant)) === 0, 30_000);
    await world.stopWorkers();

    const stats = await world.hubspot.stats(portalId);
    expect(stats.rateLimited).toBeGreaterThan(0);
    const { rows } = await world.t.ctx.database.query<{ paused_until: number }>(`SELECT paused_until FROM hubspot_rate_limits WHERE portal_id = $1`, [portalId]);
    expect(Number(rows[0]!.paused_until)).toBeGreaterThan(0);
    expect([...(await syncRows(world, ids)).values()].filter((r) => r.state === 'failed')).toEqual([]);
    await expectSyncedExactlyOnce(merchant, portalId, 150, 150);
  });
});
