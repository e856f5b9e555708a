import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reconcile } from '../../src/payments/reconcile.js';
import { reconcileCron, startReconciliation } from '../../src/payments/reconcile-job.js';
import { startJobs } from '../../src/platform/jobs/boss.js';
import type { ReconcileOptions } from '../../src/payments/reconcile-run.js';
import { loadStripeConnection } from '../../src/providers/stripe/load-stripe-connection.js';
import { drivers } from '../helpers/databases.js';
import { newIdempotencyKey } from '../helpers/checkout.js';
import { startPaymentsWorld, type PaymentsWorld } from './payments-world.js';

/**
 * Reconciliation after the process stopped at each point of a payment's life. A stop is simulated
 * where it would hurt: Stripe unreachable right after our insert, a database trigger that fails
 * the write following a Stripe call (what a kill there leaves behind), webhooks held back.
 */
describe.each(drivers)('reconciliation with Stripe (%s)', (driver) => {
  let p: PaymentsWorld;
  beforeAll(async () => {
    p = await startPaymentsWorld(driver);
    await p.sql(`CREATE FUNCTION simulated_crash() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'simulated crash'; END $$`);
  }, 60_000);
  afterAll(() => p?.close());

  const run = (options: Partial<ReconcileOptions> = {}) => reconcile(p.world.t.ctx, { staleAfterMs: 0, ...options });
  const row = async (id: string) => (await p.sql<Record<string, unknown>>(`SELECT * FROM transactions WHERE id = $1`, [id]))[0]!;
  const contactOf = async (id: string) =>
    (await p.sql<{ payments_count: number; lifetime_value: Record<string, number> }>(`SELECT c.* FROM contacts c JOIN transactions t ON t.contact_id = c.id WHERE t.id = $1`, [id]))[0]!;
  const transactionOfKey = async (key: string) => (await p.sql<{ id: string }>(`SELECT id FROM transactions WHERE idempotency_key = $1`, [key]))[0]!.id;
  const crashOn = async (table: 'transactions' | 'refunds', column: string) =>
    p.sql(
      `CREATE TRIGGER crash_${table} BEFORE UPDATE ON ${table} FOR EACH ROW WHEN (OLD.${column} IS NULL AND NEW.${column} IS NOT NULL) EXECUTE FUNCTION simulated_crash()`,
    );
  const noCrash = (table: string) => p.sql(`DROP TRIGGER IF EXISTS crash_${table} ON ${table}`);
  const withWebhooksPaused = async <T>(fn: () => Promise<T>) => {
    await p.world.sandbox.setFaults('stripe', { webhooksPaused: true });
    try {
      return await fn();
    } finally {
      await p.world.sandbox.setFaults('stripe', { webhooksPaused: false });
    }
  };
  /** Delivers the webhooks held back, and waits for them. */
  const deliverWebhooks = async () => {
    const { secretKey } = (await loadStripeConnection(p.world.t.ctx, p.merchant.accountId, 'test'))!;
    await fetch(`${p.world.sandbox.urls.stripe}/__sandbox/stripe/webhook_deliveries/flush`, { method: 'POST', headers: { authorization: `Bearer ${secretKey}` } });
  };
  const shirt = () => ({ items: [{ priceId: p.merchant.prices.shirt }] });
  /** As if ten minutes had passed since the transaction was last written: due for a re-read. */
  const makeDue = (id: string) => p.sql(`UPDATE transactions SET updated_at = now() - interval '10 minutes' WHERE id = $1`, [id]);

  it('stopped after our insert, before Stripe: stays pending while young, canceled once abandoned, and no PaymentIntent is ever made', async () => {
    const key = newIdempotencyKey();
    await p.world.sandbox.setFaults('stripe', { outage: 'refuse' });
    try {
      const res = await p.buyer('early@example.com').pay({ ...shirt(), idempotencyKey: key });
      expect(res.statusCode).toBe(503);
    } finally {
      await p.world.sandbox.setFaults('stripe', { outage: 'off' });
    }
    const id = await transactionOfKey(key);
    expect(await row(id)).toMatchObject({ status: 'pending', provider_payment_id: null });

    await run();
    expect(await row(id)).toMatchObject({ status: 'pending', provider_payment_id: null });

    await p.sql(`UPDATE transactions SET created_at = now() - interval '25 hours', updated_at = now() - interval '7 hours' WHERE id = $1`, [id]);
    const report = await run();
    expect(report.abandoned).toBeGreaterThanOrEqual(1);
    expect(await row(id)).toMatchObject({ status: 'canceled', provider_payment_id: null });
    expect(await p.paymentIntentsFor(id)).toEqual([]);
    expect(await p.syncJobs(id)).toEqual([]);
  });

  it('stopped after Stripe made the PaymentIntent, before our link: found among the buyer\'s PaymentIntents, linked once, and the paid payment converges', async () => {
    const key = newIdempotencyKey();
    const buyer = p.buyer('crash-link@example.com');
    await crashOn('transactions', 'provider_payment_id');
    try {
      expect((await buyer.pay({ ...shirt(), idempotencyKey: key })).statusCode).toBe(500);
    } finally {
      await noCrash('transactions');
    }
    const id = await transactionOfKey(key);
    const [pi] = await p.paymentIntentsFor(id);
    expect(await row(id)).toMatchObject({ status: 'pending', provider_payment_id: null });

    await withWebhooksPaused(async () => {
      // The buyer's page had the client secret from somewhere (say, a retry that reached Stripe): they pay.
      const confirmed = await buyer.confirm(pi!.client_secret!, (await buyer.config()).json().providers.stripe.publishableKey, 'pm_card_visa');
      expect(confirmed.body.status).toBe('succeeded');
      // Outside the recent-PaymentIntents sweep: the buyer's own PaymentIntents are searched.
      const report = await run({ sweepWindowMs: 0 });
      expect(report.linked).toBe(1);
    });
    expect(await row(id)).toMatchObject({ status: 'succeeded', provider_payment_id: pi!.id });
    expect(await contactOf(id)).toMatchObject({ payments_count: 1, lifetime_value: { usd: 2500 } });
    expect(await p.syncJobs(id)).toEqual(['succeeded']);
    expect(await p.paymentIntentsFor(id)).toHaveLength(1);

    await deliverWebhooks();
    expect((await run()).linked).toBe(0);
    expect(await p.syncJobs(id)).toEqual(['succeeded']);
  });

  it('links an unlinked PaymentIntent through the sweep of recent PaymentIntents; the buyer retrying gets that same one', async () => {
    const key = newIdempotencyKey();
    const buyer = p.buyer('sweep@example.com');
    await crashOn('transactions', 'provider_payment_id');
    try {
      expect((await buyer.pay({ ...shirt(), idempotencyKey: key })).statusCode).toBe(500);
    } finally {
      await noCrash('transactions');
    }
    const id = await transactionOfKey(key);
    // Only the sweep (not the per-transaction search, whose transaction is not due yet) can see it.
    await p.sql(`UPDATE transactions SET updated_at = now() + interval '1 hour' WHERE id = $1`, [id]);
    expect((await run()).linked).toBe(1);
    const [pi] = await p.paymentIntentsFor(id);
    expect(await row(id)).toMatchObject({ status: 'pending', provider_payment_id: pi!.id });

    const retried = await buyer.pay({ ...shirt(), idempotencyKey: key });
    expect(retried.statusCode).toBe(200);
    expect(retried.json().stripe.clientSecret).toBe(pi!.client_secret);
    expect(await p.paymentIntentsFor(id)).toHaveLength(1);
  });

  it('stopped after the buyer paid, before complete and the webhook: the open payment is re-read and converges once', async () => {
    const buyer = p.buyer('paid-no-news@example.com');
    const id = await withWebhooksPaused(async () => {
      const created = (await buyer.pay(shirt())).json();
      await buyer.confirm(created.stripe.clientSecret, created.stripe.publishableKey, 'pm_card_visa');
      expect(await row(created.id)).toMatchObject({ status: 'pending' });
      await makeDue(created.id);
      const report = await run();
      expect(report.refreshed).toBeGreaterThanOrEqual(1);
      expect(report.changed).toBeGreaterThanOrEqual(1);
      return created.id as string;
    });
    expect(await row(id)).toMatchObject({ status: 'succeeded', amount_refunded: 0 });
    expect((await row(id)).provider_charge_id).toMatch(/^ch_/);
    expect(await contactOf(id)).toMatchObject({ payments_count: 1, lifetime_value: { usd: 2500 } });
    expect(await p.syncJobs(id)).toEqual(['succeeded']);

    await deliverWebhooks();
    await run();
    expect(await p.syncJobs(id)).toEqual(['succeeded']);
  });

  it('cancels a checkout left unpaid for a day, at Stripe too', async () => {
    const created = (await p.buyer('walked-away@example.com').pay(shirt())).json();
    await p.sql(`UPDATE transactions SET created_at = now() - interval '25 hours', updated_at = now() - interval '7 hours' WHERE id = $1`, [created.id]);
    const report = await run();
    expect(report.abandoned).toBeGreaterThanOrEqual(1);
    expect(await row(created.id)).toMatchObject({ status: 'canceled' });
    const [pi] = await p.paymentIntentsFor(created.id);
    expect(pi).toMatchObject({ status: 'canceled', cancellation_reason: 'abandoned' });
    expect(await p.syncJobs(created.id)).toEqual([]);
  });

  it('stopped after Stripe made a refund, before our write: the refund is found by our id, never made twice', async () => {
    const { payment } = await p.buyer('refund-crash@example.com').buy();
    await withWebhooksPaused(async () => {
      await crashOn('refunds', 'provider_refund_id');
      try {
        const res = await p.merchant.client.request('POST', `/api/v1/transactions/${payment.id}/refunds`, { amount: 1000 });
        expect(res.statusCode).toBe(500);
      } finally {
        await noCrash('refunds');
      }
      expect(await p.sql(`SELECT status, provider_refund_id FROM refunds WHERE transaction_id = $1`, [payment.id])).toEqual([{ status: 'pending', provider_refund_id: null }]);
      const report = await run();
      expect(report.refundsRetried).toBe(0);
    });
    const refunds = await p.sql<{ id: string; status: string; provider_refund_id: string }>(`SELECT * FROM refunds WHERE transaction_id = $1`, [payment.id]);
    expect(refunds).toMatchObject([{ status: 'succeeded', amount: 1000 }]);
    const atStripe = (await p.stripe.refunds.list({ payment_intent: (await row(payment.id)).provider_payment_id as string })).data;
    expect(atStripe.map((r) => [r.id, r.metadata?.onepagepay_refund_id])).toEqual([[refunds[0]!.provider_refund_id, refunds[0]!.id]]);
    expect(await row(payment.id)).toMatchObject({ status: 'partially_refunded', amount_refunded: 1000 });
    expect(await contactOf(payment.id)).toMatchObject({ lifetime_value: { usd: 1500 } });
    expect(await p.syncJobs(payment.id)).toEqual(['succeeded', 'partially_refunded']);
  });

  it('sends a refund Stripe never received again, with the same idempotency key; one Stripe now refuses becomes failed', async () => {
    const one = (await p.buyer('refund-retry@example.com').buy()).payment.id as string;
    const two = (await p.buyer('refund-refused@example.com').buy()).payment.id as string;
    await p.world.sandbox.setFaults('stripe', { outage: '503' });
    try {
      for (const id of [one, two]) expect((await p.merchant.client.request('POST', `/api/v1/transactions/${id}/refunds`, { amount: 700 })).statusCode).toBe(503);
    } finally {
      await p.world.sandbox.setFaults('stripe', { outage: 'off' });
    }
    // Meanwhile the merchant refunds the second payment in full in Stripe's dashboard.
    await withWebhooksPaused(async () => {
      await p.stripe.refunds.create({ payment_intent: (await row(two)).provider_payment_id as string });
      const report = await run();
      expect(report).toMatchObject({ refundsRetried: 2, refundsFailed: 1 });
    });
    expect(await p.sql(`SELECT status, amount FROM refunds WHERE transaction_id = $1`, [one])).toEqual([{ status: 'succeeded', amount: 700 }]);
    expect(await row(one)).toMatchObject({ status: 'partially_refunded', amount_refunded: 700 });
    expect((await p.stripe.refunds.list({ payment_intent: (await row(one)).provider_payment_id as string })).data).toHaveLength(1);

    const refused = await p.sql<{ status: string; amount: number; failure_reason: string }>(`SELECT * FROM refunds WHERE transaction_id = $1 ORDER BY created_at`, [two]);
    expect(refused.map((r) => [r.status, r.amount])).toEqual([
      ['failed', 700],
      ['succeeded', 2500],
    ]);
    expect(refused[0]!.failure_reason).toMatch(/already been refunded/);
    expect(await row(two)).toMatchObject({ status: 'refunded', amount_refunded: 2500 });
    expect((await run()).refundsRetried).toBe(0);
  });

  it('writes a transaction again from its PaymentIntent when the row is gone (a restore from an older backup)', async () => {
    const { payment } = await p.buyer('restored@example.com').buy('pm_card_visa', { items: [{ priceId: p.merchant.prices.shirt, quantity: 2 }] });
    const before = await row(payment.id);
    await p.sql(`DELETE FROM transactions WHERE id = $1`, [payment.id]);
    await p.sql(`UPDATE contacts SET payments_count = 0, lifetime_value = '{}' WHERE email = 'restored@example.com'`);

    const report = await run();
    expect(report.recovered).toBe(1);
    expect(await row(payment.id)).toMatchObject({
      status: 'succeeded',
      amount: 5000,
      currency: 'usd',
      description: '2 × T-shirt',
      form_id: before.form_id,
      contact_id: before.contact_id,
      provider_payment_id: before.provider_payment_id,
      provider_charge_id: before.provider_charge_id,
    });
    expect(await contactOf(payment.id)).toMatchObject({ payments_count: 1, lifetime_value: { usd: 5000 } });
    expect((await p.syncJobs(payment.id)).at(-1)).toBe('succeeded');
    expect((await run()).recovered).toBe(0);
  });

  it('changes nothing on a second run', async () => {
    await run();
    const report = await run();
    expect(report).toMatchObject({ changed: 0, linked: 0, abandoned: 0, recovered: 0, refundsRetried: 0, errors: 0 });
  });

  it('skips a connection Stripe does not answer for, changes nothing, and repairs on the next run', async () => {
    const buyer = p.buyer('outage@example.com');
    const id = await withWebhooksPaused(async () => {
      const created = (await buyer.pay(shirt())).json();
      await buyer.confirm(created.stripe.clientSecret, created.stripe.publishableKey, 'pm_card_visa');
      await makeDue(created.id);
      await p.world.sandbox.setFaults('stripe', { outage: '503' });
      try {
        const report = await run();
        expect(report.errors).toBeGreaterThanOrEqual(1);
      } finally {
        await p.world.sandbox.setFaults('stripe', { outage: 'off' });
      }
      expect(await row(created.id)).toMatchObject({ status: 'pending' });
      await makeDue(created.id);
      await run();
      return created.id as string;
    });
    expect(await row(id)).toMatchObject({ status: 'succeeded' });
  });

  it('runs on a schedule through pg-boss: the cron is registered and a run repairs a stuck payment', async () => {
    const boss = await startJobs(p.world.t.ctx.database, { schedule: false, supervise: false });
    const reconciliation = await startReconciliation(p.world.t.ctx, boss);
    try {
      expect((await boss.getSchedules()).filter((s) => s.name === 'payments-reconcile')).toMatchObject([{ cron: reconcileCron, timezone: 'UTC' }]);
      const buyer = p.buyer('scheduled@example.com');
      await withWebhooksPaused(async () => {
        const created = (await buyer.pay(shirt())).json();
        await buyer.confirm(created.stripe.clientSecret, created.stripe.publishableKey, 'pm_card_visa');
        await makeDue(created.id);
        // What the cron does every five minutes:
        await boss.send('payments-reconcile', {});
        await expect.poll(async () => (await row(created.id)).status, { timeout: 20_000, interval: 200 }).toBe('succeeded');
      });
    } finally {
      await reconciliation.stop();
      await boss.stop({ graceful: false, wait: true });
    }
  });
});
