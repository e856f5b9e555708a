import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queues } from '../../src/platform/jobs/queues.js';
import { loadStripeConnection } from '../../src/providers/stripe/load-stripe-connection.js';
import { drivers } from '../helpers/databases.js';
import { Buyer, createMerchant, type Merchant } from '../helpers/checkout.js';
import { createPaidTransactions } from './paid-transactions.js';
import { allSynced, connectHubSpot, startSyncWorld, waitUntil, type HubSpotRecord, type SyncWorld } from './sync-world.js';

describe.each(drivers)('HubSpot sync of real payments (%s)', (driver) => {
  let world: SyncWorld;
  let merchant: Merchant;
  let portalId: string;
  beforeAll(async () => {
    world = await startSyncWorld(driver);
    merchant = await createMerchant(world.t);
    portalId = await connectHubSpot(merchant);
  }, 60_000);
  afterAll(() => world?.close());

  /** Pays through the public API and the Stripe stand-in, as the widget would. */
  async function pay(contact: Record<string, string>, items: Record<string, unknown>[], paymentMethod = 'pm_card_visa', seller = merchant) {
    const buyer = new Buyer(world, seller);
    const created = await buyer.pay({ contact, items });
    expect(created.statusCode, created.body).toBe(201);
    const payment = created.json();
    await buyer.confirm(payment.stripe.clientSecret, payment.stripe.publishableKey, paymentMethod);
    await buyer.complete(payment.id);
    return { id: payment.id as string, pi: (payment.stripe.clientSecret as string).split('_secret_')[0]! };
  }

  const contactsOf = async (email: string, portal = portalId) => (await world.hubspot.records(portal, 'contacts')).filter((c) => c.properties.email === email);
  const dealOf = async (paymentId: string, portal = portalId) => (await world.hubspot.records(portal, 'deals')).filter((d) => d.properties.onepagepay_payment_id === paymentId);
  const lineItemsOf = async (deal: HubSpotRecord) => {
    const ids = new Set((deal.associations.line_items ?? []).map((l) => l.id));
    return (await world.hubspot.records(portalId, 'line_items')).filter((l) => ids.has(l.id));
  };

  it('a payment ends as exactly one contact and one deal with its amount, stage, association and line items', async () => {
    const { id } = await pay({ email: 'grace@example.com', firstName: 'Grace', lastName: 'Hopper' }, [
      { priceId: merchant.prices.shirt, quantity: 2 },
      { priceId: merchant.prices.sticker, quantity: 1 },
    ]);
    await waitUntil('the payment is synced', () => allSynced(world, [id]));

    const contacts = await contactsOf('grace@example.com');
    expect(contacts).toHaveLength(1);
    const contact = contacts[0]!;
    expect(contact.properties).toMatchObject({
      firstname: 'Grace',
      lastname: 'Hopper',
      onepagepay_total_spent: '60.00',
      onepagepay_payment_count: '1',
      onepagepay_last_payment_amount: '60.00',
      onepagepay_last_product: 'T-shirt, Sticker pack',
      onepagepay_last_payment_status: 'succeeded',
    });
    expect(contact.properties.onepagepay_first_payment_date).toBe(contact.properties.onepagepay_last_payment_date);
    expect(contact.properties.onepagepay_products_purchased!.split(';')).toHaveLength(2);

    // The merchant sees the portal's usage as the sync counts it: every call it made went through the shared limiter.
    const states = (await merchant.client.request('GET', '/api/v1/connections')).json().data as Array<{ provider: string; mode: string; hubspot: { usage?: Record<string, number> } | null }>;
    const usage = states.find((c) => c.provider === 'hubspot' && c.mode === 'test')!.hubspot!.usage!;
    const stats = await world.hubspot.stats(portalId);
    expect(usage.today).toBeGreaterThan(0);
    expect(usage.today).toBeLessThanOrEqual(stats.requests);
    expect(usage).toMatchObject({ dailyLimit: 225_000, windowMax: 100, intervalMs: 10_000 });

    const deals = await dealOf(id);
    expect(deals).toHaveLength(1);
    const deal = deals[0]!;
    expect(deal.properties).toMatchObject({
      dealname: 'T-shirt, Sticker pack – Grace Hopper',
      amount: '60.00',
      deal_currency_code: 'USD',
      pipeline: 'default',
      dealstage: 'closedwon',
      onepagepay_payment_status: 'succeeded',
      onepagepay_payment_provider: 'stripe',
    });
    expect(deal.associations.contacts?.map((c) => c.id)).toEqual([contact.id]);
    const lines = (await lineItemsOf(deal)).map((l) => [l.properties.name, l.properties.quantity, l.properties.price, l.properties.hs_line_item_currency_code]);
    expect(lines.sort()).toEqual([
      ['Sticker pack', '1', '10.00', 'USD'],
      ['T-shirt', '2', '25.00', 'USD'],
    ]);

    const { rows } = await world.t.ctx.database.query<{ hubspot_contact_id: string; hubspot_deal_id: string }>(
      `SELECT c.hubspot_contact_id, t.hubspot_deal_id FROM transactions t JOIN contacts c ON c.id = t.contact_id WHERE t.id = $1`,
      [id],
    );
    expect(rows[0]).toEqual({ hubspot_contact_id: contact.id, hubspot_deal_id: deal.id });
    const detail = (await merchant.client.request('GET', `/api/v1/transactions/${id}`)).json();
    expect(detail.hubspot).toMatchObject({ contactId: contact.id, dealId: deal.id, sync: { state: 'synced', attempts: 0, error: null } });
  });

  it('a job whose payload is not a sync job is logged and dropped, not retried for days', async () => {
    const id = await world.boss.send(queues.hubspotSync.name, { accountId: merchant.accountId, transactionId: 42 });
    await waitUntil('the malformed job is completed', async () => (await world.boss.getJobById(queues.hubspotSync.name, id!))?.state === 'completed', 10_000);
    expect(world.workerErrors.some((line) => line.startsWith('hubspot-sync jobs with a payload that is not a sync job were dropped'))).toBe(true);
    // The worker goes on: a real payment still syncs.
    const paid = await pay({ email: 'after-malformed@example.com', firstName: 'Ada' }, [{ priceId: merchant.prices.shirt, quantity: 1 }]);
    await waitUntil('the next payment synced', async () => (await dealOf(paid.id)).length === 1, 15_000);
  });

  it('a disputed payment shows its dispute on the deal (onepagepay_dispute_status)', async () => {
    const { id } = await pay({ email: 'disputer@example.com' }, [{ priceId: merchant.prices.shirt, quantity: 1 }], 'pm_card_createDispute');
    await waitUntil('the dispute is on the deal', async () => (await dealOf(id))[0]?.properties.onepagepay_dispute_status === 'disputed');
    const [deal] = await dealOf(id);
    expect(deal!.properties).toMatchObject({ onepagepay_payment_status: 'succeeded', onepagepay_dispute_status: 'disputed' });
  });

  it("a second payment by the same email updates that contact's totals and adds a second deal", async () => {
    const first = await pay({ email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' }, [{ priceId: merchant.prices.shirt, quantity: 1 }]);
    await waitUntil('the first payment is synced', () => allSynced(world, [first.id]));
    const second = await pay({ email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' }, [{ priceId: merchant.prices.donation, amount: 1234 }]);
    await waitUntil('the second payment is synced', () => allSynced(world, [second.id]));

    const contacts = await contactsOf('ada@example.com');
    expect(contacts).toHaveLength(1);
    expect(contacts[0]!.properties).toMatchObject({
      onepagepay_total_spent: '37.34',
      onepagepay_payment_count: '2',
      onepagepay_last_payment_amount: '12.34',
      onepagepay_last_product: 'Donation',
    });
    expect(contacts[0]!.properties.onepagepay_products_purchased!.split(';')).toHaveLength(2);
    const deals = [...(await dealOf(first.id)), ...(await dealOf(second.id))];
    expect(deals.map((d) => d.properties.amount)).toEqual(['25.00', '12.34']);
    for (const deal of deals) expect(deal.associations.contacts?.map((c) => c.id)).toEqual([contacts[0]!.id]);
  });

  it("refunds update the deal's amount, then move it to the form's refund stage, and the contact's totals follow", async () => {
    const form = await merchant.client.request('PATCH', `/api/v1/forms/${merchant.formId}`, { sync: { refundStage: 'closedlost' } });
    expect(form.statusCode, form.body).toBe(200);
    const { id, pi } = await pay({ email: 'refund@example.com', firstName: 'Rene' }, [{ priceId: merchant.prices.shirt, quantity: 2 }]);
    await waitUntil('the payment is synced', () => allSynced(world, [id]));
    const stripe = (await loadStripeConnection(world.t.ctx, merchant.accountId, 'test'))!;

    await stripe.client.refunds.create({ payment_intent: pi, amount: 1000 });
    await waitUntil('the partial refund is synced', async () => (await dealOf(id))[0]?.properties.amount === '40.00' && (await allSynced(world, [id])));
    expect((await dealOf(id))[0]!.properties).toMatchObject({ dealstage: 'closedwon', onepagepay_payment_status: 'partially_refunded' });
    expect((await contactsOf('refund@example.com'))[0]!.properties).toMatchObject({ onepagepay_total_spent: '40.00', onepagepay_last_payment_status: 'partially_refunded' });

    await stripe.client.refunds.create({ payment_intent: pi });
    await waitUntil('the full refund is synced', async () => (await dealOf(id))[0]?.properties.dealstage === 'closedlost' && (await allSynced(world, [id])));
    const deals = await dealOf(id);
    expect(deals).toHaveLength(1);
    expect(deals[0]!.properties).toMatchObject({ amount: '0.00', onepagepay_payment_status: 'refunded' });
    expect(await lineItemsOf(deals[0]!)).toHaveLength(1);
    expect((await contactsOf('refund@example.com'))[0]!.properties).toMatchObject({ onepagepay_total_spent: '0.00', onepagepay_payment_count: '1', onepagepay_last_payment_status: 'refunded' });
  });

  it("a declined payment sets the contact's last payment status only when the form syncs failed payments", async () => {
    await merchant.client.request('PATCH', `/api/v1/forms/${merchant.formId}`, { sync: { syncFailedPayments: false } });
    const quiet = await pay({ email: 'quiet@example.com' }, [{ priceId: merchant.prices.shirt, quantity: 1 }], 'pm_card_chargeDeclined');
    await waitUntil('the declined payment is skipped', async () => {
      const { rows } = await world.t.ctx.database.query<{ state: string }>(`SELECT state FROM hubspot_syncs WHERE transaction_id = $1`, [quiet.id]);
      return rows[0]?.state === 'skipped';
    });
    expect(await contactsOf('quiet@example.com')).toEqual([]);

    await merchant.client.request('PATCH', `/api/v1/forms/${merchant.formId}`, { sync: { syncFailedPayments: true } });
    const loud = await pay({ email: 'loud@example.com' }, [{ priceId: merchant.prices.shirt, quantity: 1 }], 'pm_card_chargeDeclined');
    await waitUntil('the declined payment is synced', () => allSynced(world, [loud.id]));
    const contacts = await contactsOf('loud@example.com');
    expect(contacts).toHaveLength(1);
    expect(contacts[0]!.properties).toMatchObject({ onepagepay_last_payment_status: 'failed', onepagepay_payment_count: '0', onepagepay_last_payment_amount: '25.00' });
    expect(await dealOf(loud.id)).toEqual([]);
  });

  describe('dead letters and the sync API', () => {
    const status = async (seller: Merchant, id: string) => {
      const res = await seller.client.request('GET', `/api/v1/sync/transactions/${id}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    const stateIs = (seller: Merchant, id: string, state: string) => async () => (await status(seller, id)).state === state;
    const failures = async (seller: Merchant) => (await seller.client.request('GET', '/api/v1/sync/failures')).json().data as { transactionId: string; error: { code: string; message: string } }[];

    it('an email HubSpot refuses is a dead letter at once, with its reason; retrying with the corrected email syncs it', async () => {
      const seller = await createMerchant(world.t);
      const portal = await connectHubSpot(seller);
      const { id } = await pay({ email: 'ada@example.c', firstName: 'Ada' }, [{ priceId: seller.prices.shirt, quantity: 1 }], 'pm_card_visa', seller);
      await waitUntil('the sync is a dead letter', stateIs(seller, id, 'failed'));

      const failed = await status(seller, id);
      expect(failed).toMatchObject({ transactionStatus: 'succeeded', email: 'ada@example.c', attempts: 1, error: { code: 'invalid_email' }, hubspot: { contactId: null, dealId: null } });
      expect(failed.error.message).toMatch(/HubSpot would refuse the buyer's email address "ada@example.c"/);
      expect(failed.failedAt).not.toBeNull();
      expect((await failures(seller)).map((f) => f.transactionId)).toEqual([id]);
      expect(await dealOf(id, portal)).toEqual([]);

      const retry = (body: unknown) => seller.client.request('POST', `/api/v1/sync/transactions/${id}/retry`, body);
      expect((await retry({ email: 'ada@example' })).statusCode).toBe(400);
      const invalid = await retry({ email: 'ada@example.c0m' });
      expect(invalid.statusCode).toBe(400);
      expect(invalid.json().error.message).toMatch(/HubSpot would refuse/);

      const retried = await retry({ email: 'Ada.Fixed@example.com' });
      expect(retried.statusCode, retried.body).toBe(202);
      expect(retried.json()).toMatchObject({ state: 'pending', email: 'ada.fixed@example.com', attempts: 0, error: null });
      const log = (await seller.client.request('GET', '/api/v1/audit-log')).json().data as { action: string; metadata: Record<string, string> }[];
      expect(log.find((e) => e.action === 'contact.email_corrected')?.metadata).toEqual({ from: 'ada@example.c', to: 'ada.fixed@example.com', transactionId: id });
      await waitUntil('the retried payment is synced', () => allSynced(world, [id]));
      expect(await contactsOf('ada.fixed@example.com', portal)).toHaveLength(1);
      expect(await dealOf(id, portal)).toHaveLength(1);
      expect(await failures(seller)).toEqual([]);
      expect(await status(seller, id)).toMatchObject({ state: 'synced', hubspot: { contactId: expect.any(String), dealId: expect.any(String) } });
      // Both attempts are on the payment's timeline: the refusal in words, then the sync.
      const timeline = (await seller.client.request('GET', `/api/v1/transactions/${id}`)).json().timeline as { kind: string; ok?: boolean; error?: string }[];
      const attempts = timeline.filter((e) => e.kind === 'sync');
      expect(attempts.map((e) => e.ok)).toEqual([false, true]);
      expect(attempts[0]!.error).toMatch(/HubSpot would refuse the buyer's email address "ada@example.c"/);

      // Now in HubSpot under that email: correcting it here would make a second contact there.
      const late = await retry({ email: 'someone.else@example.com' });
      expect(late.statusCode).toBe(409);
    });

    it('one email HubSpot refuses in a batch costs no call (HubSpot fails a whole batch upsert for it): the others sync in one contacts upsert', async () => {
      const seller = await createMerchant(world.t);
      const portal = await connectHubSpot(seller);
      await world.stopWorkers();
      const ids = await createPaidTransactions(world, seller, 6, (i) => (i === 3 ? 'bad@example.c' : `batch${i}@example.com`));
      await world.hubspot.resetStats(portal);
      world.startWorker();
      await waitUntil('the good payments are synced', () => allSynced(world, ids.filter((_, i) => i !== 3)));
      await waitUntil('the bad one is a dead letter', stateIs(seller, ids[3]!, 'failed'));
      expect((await status(seller, ids[3]!)).error).toMatchObject({ code: 'invalid_email', message: expect.stringMatching(/would refuse the buyer's email address "bad@example.c"/) });
      const stats = await world.hubspot.stats(portal);
      expect(stats.byEndpoint['POST /crm/v3/objects/:objectType/batch/upsert']).toBe(2); // contacts, then deals: one call each
    });

    it("deals HubSpot refuses (the form's stage is not in the pipeline) are dead letters; after fixing the form, retry all syncs them", async () => {
      const seller = await createMerchant(world.t, { sync: { dealStage: 'nosuchstage' } });
      const portal = await connectHubSpot(seller);
      const ids = [
        (await pay({ email: 'one@example.com' }, [{ priceId: seller.prices.shirt, quantity: 1 }], 'pm_card_visa', seller)).id,
        (await pay({ email: 'two@example.com' }, [{ priceId: seller.prices.sticker, quantity: 1 }], 'pm_card_visa', seller)).id,
      ];
      await waitUntil('both are dead letters', async () => (await failures(seller)).length === 2);
      for (const failure of await failures(seller)) {
        expect(failure.error.code).toBe('deal_settings_refused');
        expect(failure.error.message).toMatch(/nosuchstage.*Check the payment form's deal pipeline and stages, then retry/);
      }
      // The contacts were written before the deals were refused.
      expect(await contactsOf('one@example.com', portal)).toHaveLength(1);

      expect((await seller.client.request('PATCH', `/api/v1/forms/${seller.formId}`, { sync: { dealStage: null } })).statusCode).toBe(200);
      const retried = await seller.client.request('POST', '/api/v1/sync/failures/retry', {});
      expect(retried.statusCode).toBe(202);
      expect(retried.json()).toEqual({ retried: 2 });
      await waitUntil('both are synced', () => allSynced(world, ids));
      for (const id of ids) expect((await dealOf(id, portal))[0]!.properties.dealstage).toBe('closedwon');
      expect(await failures(seller)).toEqual([]);
    });

    it('a payment failing for the whole retry window (72 h) becomes a dead letter with the last error in words', async () => {
      const seller = await createMerchant(world.t);
      await connectHubSpot(seller);
      await world.sandbox.setFaults('hubspot', { outage: '503' });
      try {
        const [id] = await createPaidTransactions(world, seller, 1, () => 'patient@example.com');
        await world.t.ctx.database.query(
          `INSERT INTO hubspot_syncs (transaction_id, account_id, mode, attempts, failing_since) VALUES ($1, $2, 'test', 800, now() - interval '73 hours')
           ON CONFLICT (transaction_id) DO UPDATE SET attempts = 800, failing_since = now() - interval '73 hours'`,
          [id, seller.accountId],
        );
        await waitUntil('the sync is a dead letter', stateIs(seller, id!, 'failed'));
        const dead = await status(seller, id!);
        expect(dead.attempts).toBeGreaterThan(800);
        expect(dead.error).toEqual({ code: 'hubspot_unavailable', message: expect.stringMatching(/^HubSpot failed on its side \(HTTP 503: Service Unavailable/) });
        expect(dead.nextAttemptAt).toBeNull();
      } finally {
        await world.sandbox.setFaults('hubspot', { outage: 'off' });
      }
    });

    it('a payment in a currency the portal does not take is a dead letter saying what to enable; once enabled, a retry syncs it', async () => {
      const seller = await createMerchant(world.t);
      const portal = await connectHubSpot(seller);
      const connection = (await seller.client.request('GET', '/api/v1/connections')).json().data.find((c: { provider: string; mode: string }) => c.provider === 'hubspot' && c.mode === 'test');
      expect(connection.hubspot.currencies).toContain('USD'); // the sandbox portal takes every currency
      const currencies = (body: unknown) => fetch(`${world.sandbox.urls.hubspot}/__sandbox/hubspot/portals/${portal}/currencies`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect((await currencies({ companyCurrency: 'EUR', additionalCurrencies: ['GBP'] })).status).toBe(200);
      const { id } = await pay({ email: 'dollars@example.com' }, [{ priceId: seller.prices.shirt, quantity: 1 }], 'pm_card_visa', seller);
      await waitUntil('the sync is a dead letter', stateIs(seller, id, 'failed'));
      expect((await status(seller, id)).error).toMatchObject({ code: 'currency_refused', message: expect.stringMatching(/Add the currency to the HubSpot account's currencies, then retry/) });
      expect((await status(seller, id)).error.message).toMatch(/USD/);

      expect((await currencies({ additionalCurrencies: ['GBP', 'USD'] })).status).toBe(200);
      expect((await seller.client.request('POST', `/api/v1/sync/transactions/${id}/retry`, {})).statusCode).toBe(202);
      await waitUntil('the payment is synced', stateIs(seller, id, 'synced'));
      expect((await dealOf(id, portal))[0]!.properties.deal_currency_code).toBe('USD');
    });

    it('without a HubSpot connection a payment is skipped with the reason; once connected, a retry syncs it', async () => {
      const seller = await createMerchant(world.t);
      const { id } = await pay({ email: 'early@example.com' }, [{ priceId: seller.prices.shirt, quantity: 1 }], 'pm_card_visa', seller);
      await waitUntil('the payment is skipped', stateIs(seller, id, 'skipped'));
      expect((await status(seller, id)).error).toEqual({ code: 'not_connected', message: 'HubSpot is not connected in test mode. Connect it, then retry.' });

      const portal = await connectHubSpot(seller);
      expect((await seller.client.request('POST', `/api/v1/sync/transactions/${id}/retry`, {})).statusCode).toBe(202);
      await waitUntil('the payment is synced', stateIs(seller, id, 'synced'));
      expect(await dealOf(id, portal)).toHaveLength(1);
    });

    it('records the jobs pg-boss itself gave up on (a worker crashed on them for 75 h) as dead letters', async () => {
      const seller = await createMerchant(world.t);
      const [id] = await createPaidTransactions(world, seller, 1, () => 'crashy@example.com');
      await waitUntil('the payment is skipped (HubSpot not connected)', stateIs(seller, id!, 'skipped'));
      await world.boss.send('hubspot-sync-dead', { accountId: seller.accountId, mode: 'test', transactionId: id, status: 'succeeded', amountRefunded: 0 });
      await waitUntil('the sync is a dead letter', stateIs(seller, id!, 'failed'), 30_000);
      expect((await status(seller, id!)).error).toMatchObject({ code: 'worker_failed', message: expect.stringMatching(/kept failing unexpectedly/) });
    });

    it('a job that fails for a reason that is not HubSpot\'s is retried by pg-boss without holding back the others', async () => {
      const poisoned = await createMerchant(world.t);
      await connectHubSpot(poisoned);
      const seller = await createMerchant(world.t);
      await connectHubSpot(seller);
      // The database refuses every sync row of one account: its chunk throws, which is not HubSpot's doing.
      const db = world.t.ctx.database;
      await db.query(`ALTER TABLE hubspot_syncs ADD CONSTRAINT test_poisoned CHECK (account_id <> '${poisoned.accountId}') NOT VALID`);
      try {
        const [poison] = await createPaidTransactions(world, poisoned, 1, () => 'poisoned@example.com');
        const ids = await createPaidTransactions(world, seller, 3, (i) => `neighbour${i}@example.com`);
        await waitUntil('the good payments are synced', () => allSynced(world, ids));
        await waitUntil('the failed job waits for its retry', async () => {
          const { rows } = await db.query<{ state: string }>(`SELECT state FROM pgboss.job WHERE name = 'hubspot-sync' AND data->>'transactionId' = $1`, [poison]);
          return rows.some((row) => row.state === 'retry');
        });
        expect(world.workerErrors.some((line) => line.startsWith('HubSpot sync of a chunk failed'))).toBe(true);
      } finally {
        await db.query('ALTER TABLE hubspot_syncs DROP CONSTRAINT test_poisoned');
      }
    });

    it("a batch whose time is up (its jobs about to expire) calls HubSpot no more: the payment is retried as out_of_time and synced by the next job", async () => {
      const seller = await createMerchant(world.t);
      const portal = await connectHubSpot(seller);
      const db = world.t.ctx.database;
      /** How long a worker may hold a sync job, for jobs enqueued from now on and those waiting. */
      const expiry = async (seconds: number) => {
        await db.query(`UPDATE pgboss.queue SET expire_seconds = $1 WHERE name = 'hubspot-sync'`, [seconds]);
        await db.query(`UPDATE pgboss.job SET expire_in = $1 * interval '1 second' WHERE name = 'hubspot-sync' AND state IN ('created', 'retry')`, [seconds]);
      };
      let id: string | undefined;
      // 11 s to hold a job leaves 1 s for calls, less than one call's 10 s timeout: no call may start.
      await expiry(11);
      try {
        await world.hubspot.resetStats(portal);
        [id] = await createPaidTransactions(world, seller, 1, () => 'slowpoke@example.com');
        await waitUntil('the sync ran out of time', async () => (await status(seller, id!)).error?.code === 'out_of_time');
        expect((await status(seller, id!)).state).toBe('retrying');
        expect((await world.hubspot.stats(portal)).requests).toBe(0);
        const { rows } = await db.query<{ lease_until: Date | null }>(`SELECT lease_until FROM hubspot_syncs WHERE transaction_id = $1`, [id]);
        expect(rows[0]!.lease_until).toBeNull();
      } finally {
        await expiry(queues.hubspotSync.options.expireInSeconds);
      }
      await waitUntil('the payment is synced', stateIs(seller, id!, 'synced'));
      expect(await dealOf(id!, portal)).toHaveLength(1);
    });

    it('exposes queue depth, dead letters, HubSpot calls and sync latency on /metrics', async () => {
      const text = (await world.t.app.inject({ method: 'GET', url: '/metrics' })).body;
      expect(text).toMatch(/onepagepay_hubspot_sync_jobs\{state="queued"\} \d+/);
      expect(text).toMatch(/onepagepay_hubspot_sync_dead_letters [1-9]/);
      expect(text).toMatch(/onepagepay_hubspot_sync_api_calls_total\{operation="contacts.upsert",outcome="ok"\} [1-9]/);
      expect(text).toMatch(/onepagepay_hubspot_sync_results_total\{result="synced"\} [1-9]/);
      expect(text).toMatch(/onepagepay_hubspot_sync_latency_seconds_count [1-9]/);
      expect(text).not.toContain(merchant.accountId);
    });

    it('answers 404 for an unknown payment and 409 for a retry of a payment that is not synced in its status', async () => {
      expect((await merchant.client.request('GET', '/api/v1/sync/transactions/pay_000000000000000000000000')).statusCode).toBe(404);
      expect((await merchant.client.request('POST', '/api/v1/sync/transactions/pay_000000000000000000000000/retry', {})).statusCode).toBe(404);
      const pending = (await new Buyer(world, merchant).pay({ items: [{ priceId: merchant.prices.shirt, quantity: 1 }] })).json();
      expect(await status(merchant, pending.id)).toMatchObject({ state: 'not_applicable', transactionStatus: 'pending' });
      const retry = await merchant.client.request('POST', `/api/v1/sync/transactions/${pending.id}/retry`, {});
      expect(retry.statusCode).toBe(409);
      expect(retry.json().error.message).toMatch(/this one is pending/);
    });

    it('refuses to correct an email to one another buyer already has', async () => {
      const seller = await createMerchant(world.t);
      await connectHubSpot(seller);
      await pay({ email: 'taken@example.com' }, [{ priceId: seller.prices.shirt, quantity: 1 }], 'pm_card_visa', seller);
      const { id } = await pay({ email: 'typo@example.c' }, [{ priceId: seller.prices.shirt, quantity: 1 }], 'pm_card_visa', seller);
      await waitUntil('the sync is a dead letter', stateIs(seller, id, 'failed'));
      const res = await seller.client.request('POST', `/api/v1/sync/transactions/${id}/retry`, { email: 'taken@example.com' });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.message).toBe('Another buyer already has the email taken@example.com.');
      expect((await status(seller, id)).state).toBe('failed');
    });
  });
});
