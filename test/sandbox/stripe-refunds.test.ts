import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { targets, type StripeTarget } from './stripe-harness.js';

describe.each(targets)('Stripe refunds contract — %s', (_name, makeTarget, skip) => {
  let t: StripeTarget;
  beforeAll(async () => {
    if (!skip) t = await makeTarget();
  });
  afterAll(async () => {
    await t?.close();
  });
  const paid = (paymentMethod: string) =>
    t.stripe.paymentIntents.create({ amount: 2000, currency: 'usd', payment_method: paymentMethod, confirm: true, automatic_payment_methods: { enabled: true, allow_redirects: 'never' } });

  it.skipIf(skip)("a refund of the refund-fail card first reads succeeded; the charge's refunds show only when expanded", async () => {
    const pi = await paid('pm_card_refundFail');
    const refund = await t.stripe.refunds.create({ payment_intent: pi.id });
    expect(refund.status).toBe('succeeded');
    const plain = await t.stripe.paymentIntents.retrieve(pi.id, { expand: ['latest_charge'] });
    expect((plain.latest_charge as { refunds?: unknown }).refunds).toBeUndefined();
    const expanded = await t.stripe.paymentIntents.retrieve(pi.id, { expand: ['latest_charge.refunds'] });
    const charge = expanded.latest_charge as { amount_refunded: number; refunds: { data: { id: string }[]; has_more: boolean } };
    expect(charge.amount_refunded).toBe(2000);
    expect(charge.refunds.data.map((r) => r.id)).toEqual([refund.id]);
    expect(charge.refunds.has_more).toBe(false);
  });
});

describe('Stripe refunds that fail later — sandbox only', () => {
  let t: StripeTarget;
  beforeAll(async () => {
    t = await targets[0][1]();
  });
  afterAll(() => t.close());

  it('fails a minute of sandbox time later: refund failed with its reason, money back on the charge, events sent', async () => {
    const pi = await t.stripe.paymentIntents.create({ amount: 3000, currency: 'usd', payment_method: 'pm_card_refundFail', confirm: true, automatic_payment_methods: { enabled: true, allow_redirects: 'never' } });
    const refund = await t.stripe.refunds.create({ payment_intent: pi.id, amount: 1000 });
    t.sandbox!.clock.advance(30_000);
    expect((await t.stripe.refunds.retrieve(refund.id)).status).toBe('succeeded');
    t.sandbox!.clock.advance(31_000);
    const failed = await t.stripe.refunds.retrieve(refund.id);
    expect(failed).toMatchObject({ status: 'failed', failure_reason: 'expired_or_canceled_card', failure_balance_transaction: expect.stringMatching(/^txn_/) });
    const charge = (await t.stripe.paymentIntents.retrieve(pi.id, { expand: ['latest_charge'] })).latest_charge as { amount_refunded: number; refunded: boolean };
    expect(charge).toMatchObject({ amount_refunded: 0, refunded: false });
    const events = (await t.stripe.events.list({ limit: 20 })).data.filter((e) => (e.data.object as { id?: string }).id === refund.id).map((e) => e.type);
    expect(events).toEqual(expect.arrayContaining(['charge.refund.updated', 'refund.updated', 'refund.failed']));

    // Refunds of other cards stay succeeded.
    const other = await t.stripe.paymentIntents.create({ amount: 1000, currency: 'usd', payment_method: 'pm_card_visa', confirm: true, automatic_payment_methods: { enabled: true, allow_redirects: 'never' } });
    const kept = await t.stripe.refunds.create({ payment_intent: other.id });
    t.sandbox!.clock.advance(120_000);
    expect((await t.stripe.refunds.retrieve(kept.id)).status).toBe('succeeded');
  });
});
