import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadStripeConnection } from '../../src/providers/stripe/load-stripe-connection.js';
import { drivers } from '../helpers/databases.js';
import { Buyer, createMerchant, startCheckoutWorld, type CheckoutWorld, type Merchant } from '../helpers/checkout.js';

describe.each(drivers)('card outcomes end in the right stored state (%s)', (driver) => {
  let world: CheckoutWorld;
  let merchant: Merchant;
  let buyer: Buyer;
  beforeAll(async () => {
    world = await startCheckoutWorld(driver);
    merchant = await createMerchant(world.t);
    buyer = new Buyer(world, merchant);
  }, 60_000);
  afterAll(() => world?.close());

  const row = async (id: string) =>
    (await world.t.ctx.database.query<Record<string, unknown>>(`SELECT status, failure_code, failure_message, provider_charge_id, amount_refunded FROM transactions WHERE id = $1`, [id])).rows[0];
  const paidCount = async () =>
    (await world.t.ctx.database.query<{ payments_count: number }>(`SELECT payments_count FROM contacts WHERE account_id = $1 AND email = 'ada@example.com'`, [merchant.accountId])).rows[0]?.payments_count ?? 0;
  const syncJobs = async (id: string) =>
    (await world.t.ctx.database.query<{ status: string }>(`SELECT data->>'status' AS status FROM pgboss.job WHERE name = 'hubspot-sync' AND data->>'transactionId' = $1 ORDER BY created_on`, [id])).rows.map((r) => r.status);

  it('a decline is stored as failed with Stripe’s message; another card on the same payment then succeeds', async () => {
    const { payment, confirmed, completed } = await buyer.buy('pm_card_chargeDeclined');
    expect(confirmed.status).toBe(402);
    expect(completed).toMatchObject({ id: payment.id, status: 'failed', failureMessage: 'Your card was declined.' });
    expect(await row(payment.id)).toMatchObject({ status: 'failed', failure_code: 'generic_decline', failure_message: 'Your card was declined.' });

    const retry = await buyer.confirm(payment.stripe.clientSecret, payment.stripe.publishableKey, 'pm_card_visa');
    expect(retry.body.status).toBe('succeeded');
    const done = (await buyer.complete(payment.id)).json();
    expect(done).toMatchObject({ status: 'succeeded', failureMessage: null });
    expect(await row(payment.id)).toMatchObject({ status: 'succeeded', failure_code: null, failure_message: null });
    expect(await syncJobs(payment.id)).toEqual(['failed', 'succeeded']);
  });

  it('insufficient funds keeps its decline code', async () => {
    const { payment, completed } = await buyer.buy('pm_card_chargeDeclinedInsufficientFunds');
    expect(completed.status).toBe('failed');
    expect(await row(payment.id)).toMatchObject({ status: 'failed', failure_code: 'insufficient_funds' });
  });

  it('3-D Secure: requires_action until the challenge is completed, then succeeded', async () => {
    const { payment, confirmed, completed } = await buyer.buy('pm_card_authenticationRequired');
    expect(confirmed.body.status).toBe('requires_action');
    expect(completed.status).toBe('requires_action');
    expect(await row(payment.id)).toMatchObject({ status: 'requires_action' });
    await buyer.threeDSecure(payment.stripe.clientSecret, 'succeed');
    expect((await buyer.complete(payment.id)).json().status).toBe('succeeded');
    expect((await row(payment.id))!.provider_charge_id).toMatch(/^ch_/);
  });

  it('3-D Secure failed: failed with a clear message and nothing charged', async () => {
    const paidBefore = await paidCount();
    const { payment } = await buyer.buy('pm_card_authenticationRequired');
    await buyer.threeDSecure(payment.stripe.clientSecret, 'fail');
    const completed = (await buyer.complete(payment.id)).json();
    expect(completed.status).toBe('failed');
    expect(completed.failureMessage).toMatch(/authentication \(3-D Secure\) was not completed/);
    // Stripe's developer text for this failure never reaches the buyer or the merchant; its code stays for support.
    expect(completed.failureMessage).not.toMatch(/payment_method_data|PaymentMethod|PaymentIntent/);
    const shown = (await merchant.client.request('GET', `/api/v1/transactions/${payment.id}`)).json();
    expect(shown).toMatchObject({ failureCode: 'payment_intent_authentication_failure', failureMessage: completed.failureMessage });
    const stored = await row(payment.id);
    expect(stored).toMatchObject({ status: 'failed' });
    expect(await paidCount()).toBe(paidBefore);
    const stripe = (await loadStripeConnection(world.t.ctx, merchant.accountId, 'test'))!.client;
    const pi = payment.stripe.clientSecret.split('_secret_')[0];
    expect((await stripe.charges.list({ payment_intent: pi })).data.filter((c) => c.status === 'succeeded')).toEqual([]);
  });

  it('complete before the buyer confirms leaves the payment pending; an unknown payment is 404', async () => {
    const created = (await buyer.pay({ items: [{ priceId: merchant.prices.sticker }] })).json();
    expect((await buyer.complete(created.id)).json()).toMatchObject({ status: 'pending', failureMessage: null });
    const unknown = await buyer.complete('pay_000000000000000000000000');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('not_found');
  });
});
