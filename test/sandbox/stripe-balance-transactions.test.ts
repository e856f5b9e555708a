import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stripeFee } from '../../src/sandbox/stripe/balance-transactions.js';
import { targets, type StripeTarget } from './stripe-harness.js';

const chargeOf = (pi: Stripe.PaymentIntent) => pi.latest_charge as Stripe.Charge;
const txnOf = (charge: Stripe.Charge) => charge.balance_transaction as Stripe.BalanceTransaction;

/** Fees and net amounts: each money movement has a balance transaction (stripe.com/docs/api/balance_transactions). */
describe.each(targets)('Stripe balance transactions contract — %s', (_name, makeTarget, skip) => {
  let t: StripeTarget;
  beforeAll(async () => {
    if (!skip) t = await makeTarget();
  });
  afterAll(async () => {
    await t?.close();
  });

  const paid = (amount: number, paymentMethod = 'pm_card_visa') =>
    t.stripe.paymentIntents.create({ amount, currency: 'usd', payment_method: paymentMethod, confirm: true, allowed_payment_method_types: ['card'], expand: ['latest_charge.balance_transaction'] });

  it.skipIf(skip)("a captured charge has one: the amount, Stripe's fee (in fee_details) and the net, pending until available_on", async () => {
    const pi = await paid(2500);
    const txn = txnOf(chargeOf(pi));
    expect(txn).toMatchObject({ object: 'balance_transaction', amount: 2500, currency: 'usd', type: 'charge', reporting_category: 'charge', source: chargeOf(pi).id, status: 'pending' });
    expect(txn.fee).toBeGreaterThan(0);
    expect(txn.net).toBe(txn.amount - txn.fee);
    expect(txn.fee_details.reduce((sum, f) => sum + f.amount, 0)).toBe(txn.fee);
    expect(txn.fee_details[0]).toMatchObject({ type: 'stripe_fee', currency: 'usd' });
    expect(txn.available_on).toBeGreaterThan(txn.created);
    expect(await t.stripe.balanceTransactions.retrieve(txn.id)).toMatchObject({ id: txn.id, fee: txn.fee, net: txn.net });
  });

  it.skipIf(skip)('a declined charge has none; an uncaptured one gets it when captured', async () => {
    const declined = await t.stripe.paymentIntents
      .create({ amount: 2500, currency: 'usd', payment_method: 'pm_card_chargeDeclined', confirm: true, allowed_payment_method_types: ['card'] })
      .catch((err: Stripe.errors.StripeError) => err.payment_intent!);
    const charge = await t.stripe.charges.retrieve(declined.latest_charge as string);
    expect(charge.balance_transaction).toBeNull();

    const held = await t.stripe.paymentIntents.create({ amount: 4000, currency: 'usd', payment_method: 'pm_card_visa', confirm: true, capture_method: 'manual', allowed_payment_method_types: ['card'] });
    expect((await t.stripe.charges.retrieve(held.latest_charge as string)).balance_transaction).toBeNull();
    const captured = await t.stripe.paymentIntents.capture(held.id, { amount_to_capture: 3000, expand: ['latest_charge.balance_transaction'] });
    expect(txnOf(chargeOf(captured))).toMatchObject({ amount: 3000, type: 'charge' });
  });

  it.skipIf(skip)("a refund takes the money back out and Stripe keeps its fee; the list finds both by source", async () => {
    const pi = await paid(5000);
    const charge = chargeOf(pi);
    const refund = await t.stripe.refunds.create({ payment_intent: pi.id, amount: 2000, expand: ['balance_transaction'] });
    expect(refund.balance_transaction).toMatchObject({ amount: -2000, fee: 0, net: -2000, type: 'refund', reporting_category: 'refund', source: refund.id });
    const bySource = await t.stripe.balanceTransactions.list({ source: charge.id });
    expect(bySource.data.map((b) => b.id)).toEqual([txnOf(charge).id]);
    const refunds = await t.stripe.balanceTransactions.list({ type: 'refund', limit: 100 });
    expect(refunds.data.map((b) => b.source)).toContain(refund.id);
  });

  it.skipIf(skip)('an unknown id is resource_missing', async () => {
    await expect(t.stripe.balanceTransactions.retrieve('txn_0000000000000000000000nope')).rejects.toMatchObject({ code: 'resource_missing', statusCode: 404 });
  });
});

describe('Stripe balance transactions — sandbox only', () => {
  let t: StripeTarget;
  beforeAll(async () => {
    t = await targets[0][1]();
  });
  afterAll(() => t.close());

  it("charges Stripe's standard US pricing: 2.9% + 30¢ for cards, 0.8% capped for SEPA, none fixed for zero-decimal currencies", () => {
    expect(stripeFee(2500, 'usd', 'card')).toBe(103);
    expect(stripeFee(10_000, 'eur', 'sepa_debit')).toBe(80);
    expect(stripeFee(5_000_000, 'eur', 'sepa_debit')).toBe(600);
    expect(stripeFee(1000, 'jpy', 'card')).toBe(29);
    expect(stripeFee(50, 'usd', 'card')).toBe(31);
  });

  it('funds become available two days later, as the sandbox clock moves', async () => {
    const pi = await t.stripe.paymentIntents.create({ amount: 2500, currency: 'usd', payment_method: 'pm_card_visa', confirm: true, allowed_payment_method_types: ['card'], expand: ['latest_charge'] });
    const id = chargeOf(pi).balance_transaction as string;
    t.sandbox!.clock.advance(86_400_000);
    expect((await t.stripe.balanceTransactions.retrieve(id)).status).toBe('pending');
    t.sandbox!.clock.advance(86_400_000);
    expect((await t.stripe.balanceTransactions.retrieve(id)).status).toBe('available');
  });

  it('a refund that fails later gives the money back with a refund_failure', async () => {
    const pi = await t.stripe.paymentIntents.create({ amount: 2500, currency: 'usd', payment_method: 'pm_card_refundFail', confirm: true, allowed_payment_method_types: ['card'] });
    const refund = await t.stripe.refunds.create({ payment_intent: pi.id });
    t.sandbox!.clock.advance(60 * 60_000);
    const failed = await t.stripe.refunds.retrieve(refund.id, { expand: ['failure_balance_transaction'] });
    expect(failed.status).toBe('failed');
    expect(failed.failure_balance_transaction).toMatchObject({ amount: 2500, type: 'refund_failure', source: refund.id });
  });
});
