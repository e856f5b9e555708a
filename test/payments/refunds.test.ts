import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drivers } from '../helpers/databases.js';
import { startPaymentsWorld, type PaymentsWorld } from './payments-world.js';

describe.each(drivers)('refunds (%s)', (driver) => {
  let p: PaymentsWorld;
  beforeAll(async () => {
    p = await startPaymentsWorld(driver);
  }, 60_000);
  afterAll(() => p?.close());

  const refund = (transactionId: string, body: Record<string, unknown> = {}) => p.merchant.client.request('POST', `/api/v1/transactions/${transactionId}/refunds`, body);
  const detail = async (transactionId: string) => (await p.merchant.client.request('GET', `/api/v1/transactions/${transactionId}`)).json();
  const stripeRefunds = async (transactionId: string) => {
    const pi = (await detail(transactionId)).stripe.paymentIntentId;
    return (await p.stripe.refunds.list({ payment_intent: pi, limit: 100 })).data;
  };
  /** A paid $25 shirt, by a buyer of its own. */
  const paidShirt = async (email: string) => {
    const { payment, completed } = await p.buyer(email).buy();
    expect(completed.status).toBe('succeeded');
    return payment.id as string;
  };

  it('refunds part, then the rest: statuses, contact totals, sync jobs, audit and Stripe all agree', async () => {
    const id = await paidShirt('partial@example.com');
    const first = await refund(id, { amount: 1000, reason: 'requested_by_customer' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ object: 'refund', transactionId: id, amount: 1000, currency: 'usd', status: 'succeeded', reason: 'requested_by_customer', failureReason: null });
    expect(first.json().id).toMatch(/^rf_[0-9A-Za-z]{24}$/);
    expect(first.json().stripeRefundId).toMatch(/^re_/);
    let shown = await detail(id);
    expect(shown).toMatchObject({ status: 'partially_refunded', amountRefunded: 1000, netAmount: 1500, refundable: 1500, contact: { paymentsCount: 1, lifetimeValue: { usd: 1500 } } });

    const rest = await refund(id);
    expect(rest.statusCode, rest.body).toBe(201);
    expect(rest.json()).toMatchObject({ amount: 1500, status: 'succeeded', reason: null });
    shown = await detail(id);
    expect(shown).toMatchObject({ status: 'refunded', amountRefunded: 2500, netAmount: 0, refundable: 0, contact: { paymentsCount: 1, lifetimeValue: { usd: 0 } } });
    expect(shown.refunds.map((r: { id: string; status: string; createdBy: string }) => [r.id, r.status])).toEqual([
      [first.json().id, 'succeeded'],
      [rest.json().id, 'succeeded'],
    ]);
    expect(shown.refunds[0].createdBy).toMatch(/^[0-9a-f-]{36}$/);

    const atStripe = await stripeRefunds(id);
    expect(atStripe.map((r) => [r.metadata?.onepagepay_refund_id, r.amount, r.reason]).sort()).toEqual(
      [
        [first.json().id, 1000, 'requested_by_customer'],
        [rest.json().id, 1500, null],
      ].sort(),
    );
    expect(await p.syncJobs(id)).toEqual(['succeeded', 'partially_refunded', 'refunded']);
    const audit = await p.sql<{ action: string; target: string; metadata: { refundId: string; amount: number } }>(
      `SELECT action, target, metadata FROM audit_log WHERE account_id = $1 AND action = 'refund.created' AND target = $2 ORDER BY id`,
      [p.merchant.accountId, id],
    );
    expect(audit.map((a) => [a.metadata.refundId, a.metadata.amount])).toEqual([
      [first.json().id, 1000],
      [rest.json().id, 1500],
    ]);

    const again = await refund(id);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toMatch(/already fully refunded/);
  });

  it('a refund Stripe reports succeeded and fails later (card 4000 0000 0000 5126) is marked failed, the money is refundable again, and HubSpot follows', async () => {
    const { payment, completed } = await p.buyer('refund-fails@example.com').buy('pm_card_refundFail');
    expect(completed.status).toBe('succeeded');
    const id = payment.id as string;
    const first = await refund(id);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ status: 'succeeded', amount: 2500 });
    expect(await detail(id)).toMatchObject({ status: 'refunded', refundable: 0 });

    // A minute of sandbox time later Stripe fails the refund and says so with refund.updated.
    p.world.sandbox.clock.advance(61_000);
    for (const deadline = Date.now() + 15_000; (await detail(id)).status !== 'succeeded'; await new Promise((r) => setTimeout(r, 100))) {
      if (Date.now() > deadline) throw new Error(`the failed refund was not applied: ${JSON.stringify(await detail(id))}`);
    }
    const shown = await detail(id);
    expect(shown).toMatchObject({ status: 'succeeded', amountRefunded: 0, netAmount: 2500, refundable: 2500, contact: { lifetimeValue: { usd: 2500 } } });
    expect(shown.refunds).toHaveLength(1);
    expect(shown.refunds[0]).toMatchObject({ id: first.json().id, status: 'failed', failureReason: expect.stringMatching(/expired_or_canceled_card/) });
    expect(await p.syncJobs(id)).toEqual(['succeeded', 'refunded', 'succeeded']);

    // The merchant can refund again (another card would be needed at the bank, but the money is there to refund).
    const again = await refund(id, { amount: 500 });
    expect(again.statusCode, again.body).toBe(201);
    expect(await detail(id)).toMatchObject({ status: 'partially_refunded', amountRefunded: 500 });
  });

  it('refuses more than what is left, and payments that did not go through, without storing anything', async () => {
    const id = await paidShirt('over@example.com');
    const over = await refund(id, { amount: 2501 });
    expect(over.statusCode).toBe(422);
    expect(over.json().error).toMatchObject({ code: 'unprocessable', refundable: 2500 });
    const declined = await p.buyer('declined@example.com').buy('pm_card_chargeDeclined');
    const failed = await refund(declined.payment.id);
    expect(failed.statusCode).toBe(409);
    expect(failed.json().error.message).toMatch(/did not go through \(it is failed\)/);
    for (const body of [{ amount: 0 }, { amount: 10.5 }, { amount: '100' }, { reason: 'changed_mind' }, { amount: 100, note: 'x' }]) {
      const res = await refund(id, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect(await p.sql(`SELECT id FROM refunds WHERE transaction_id IN ($1, $2)`, [id, declined.payment.id])).toEqual([]);
    expect(await stripeRefunds(id)).toEqual([]);
  });

  it('never refunds more than was paid when two refunds race', async () => {
    const id = await paidShirt('race@example.com');
    const results = await Promise.all([refund(id, { amount: 1500 }), refund(id, { amount: 1500 })]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 422]);
    expect((await stripeRefunds(id)).reduce((sum, r) => sum + r.amount, 0)).toBe(1500);
    expect(await detail(id)).toMatchObject({ status: 'partially_refunded', amountRefunded: 1500, refundable: 1000 });
  });

  it('marks the refund failed with Stripe\'s reason when Stripe refuses it (422), and picks up the refund made in Stripe', async () => {
    const id = await paidShirt('refused@example.com');
    await p.world.sandbox.setFaults('stripe', { webhooksPaused: true });
    try {
      // The merchant refunds in Stripe's dashboard; OnePagePay does not know yet.
      await p.stripe.refunds.create({ payment_intent: (await detail(id)).stripe.paymentIntentId });
      const res = await refund(id, { amount: 500 });
      expect(res.statusCode).toBe(422);
      expect(res.json().error).toMatchObject({ code: 'unprocessable', providerCode: 'charge_already_refunded' });
      const [row] = await p.sql<{ status: string; failure_reason: string; provider_refund_id: string | null }>(`SELECT * FROM refunds WHERE id = $1`, [res.json().error.refundId]);
      expect(row).toMatchObject({ status: 'failed', provider_refund_id: null });
      expect(row!.failure_reason).toMatch(/already been refunded/);
    } finally {
      await p.world.sandbox.setFaults('stripe', { webhooksPaused: false });
    }
    await expect.poll(async () => (await detail(id)).status).toBe('refunded');
    const refunds = (await detail(id)).refunds as { status: string; amount: number; createdBy: string | null; stripeRefundId: string | null }[];
    // Ours failed (never made at Stripe); the dashboard's, made outside OnePagePay, has no author.
    expect(refunds.map((r) => [r.status, r.amount, r.createdBy === null, r.stripeRefundId !== null]).sort()).toEqual([
      ['failed', 500, false, false],
      ['succeeded', 2500, true, true],
    ]);
    expect(await p.syncJobs(id)).toEqual(['succeeded', 'refunded']);
  });

  it('answers 503 when Stripe cannot be reached and keeps the refund pending, counted against what is left', async () => {
    const id = await paidShirt('unreachable@example.com');
    await p.world.sandbox.setFaults('stripe', { outage: '503' });
    let res;
    try {
      res = await refund(id, { amount: 2000 });
    } finally {
      await p.world.sandbox.setFaults('stripe', { outage: 'off' });
    }
    expect(res.statusCode).toBe(503);
    expect(res.json().error.code).toBe('provider_unavailable');
    const shown = await detail(id);
    expect(shown).toMatchObject({ status: 'succeeded', amountRefunded: 0, refundable: 500 });
    expect(shown.refunds).toMatchObject([{ amount: 2000, status: 'pending', stripeRefundId: null }]);
    expect(res.json().error.refundId).toBe(shown.refunds[0].id);
    expect((await refund(id, { amount: 501 })).statusCode).toBe(422);
    expect(await stripeRefunds(id)).toEqual([]);
  });
});
