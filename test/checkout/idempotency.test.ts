import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadStripeConnection } from '../../src/providers/stripe/load-stripe-connection.js';
import { drivers } from '../helpers/databases.js';
import { Buyer, createMerchant, newIdempotencyKey, startCheckoutWorld, type CheckoutWorld, type Merchant } from '../helpers/checkout.js';

describe.each(drivers)('one checkout attempt is one payment (%s)', (driver) => {
  let world: CheckoutWorld;
  let merchant: Merchant;
  let buyer: Buyer;
  beforeAll(async () => {
    world = await startCheckoutWorld(driver);
    merchant = await createMerchant(world.t);
    buyer = new Buyer(world, merchant);
  }, 60_000);
  afterAll(() => world?.close());

  it('50 concurrent identical submits → one transaction, one PaymentIntent, one charge', async () => {
    const idempotencyKey = newIdempotencyKey();
    const body = { idempotencyKey, contact: { email: 'grace@example.com', firstName: 'Grace' }, items: [{ priceId: merchant.prices.shirt, quantity: 3 }] };
    const responses = await Promise.all(Array.from({ length: 50 }, () => buyer.pay(body)));
    const statuses = responses.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(49);
    const payments = responses.map((r) => r.json());
    expect(new Set(payments.map((p) => p.id)).size).toBe(1);
    expect(new Set(payments.map((p) => p.stripe.clientSecret)).size).toBe(1);

    const { rows } = await world.t.ctx.database.query<{ id: string; provider_payment_id: string }>(
      `SELECT id, provider_payment_id FROM transactions WHERE account_id = $1 AND idempotency_key = $2`,
      [merchant.accountId, idempotencyKey],
    );
    expect(rows).toHaveLength(1);

    // Paying it (twice, as a double click would) charges once.
    const [first] = payments;
    await Promise.all([
      buyer.confirm(first.stripe.clientSecret, first.stripe.publishableKey, 'pm_card_visa'),
      buyer.confirm(first.stripe.clientSecret, first.stripe.publishableKey, 'pm_card_visa'),
    ]);
    expect((await buyer.complete(first.id)).json().status).toBe('succeeded');

    const stripe = (await loadStripeConnection(world.t.ctx, merchant.accountId, 'test'))!.client;
    const intents = (await stripe.paymentIntents.list({ limit: 100 })).data.filter((pi) => pi.metadata.onepagepay_transaction_id === first.id);
    expect(intents.map((pi) => pi.id)).toEqual([rows[0]!.provider_payment_id]);
    const charges = (await stripe.charges.list({ limit: 100 })).data.filter((c) => c.payment_intent === intents[0]!.id && c.status === 'succeeded');
    expect(charges).toHaveLength(1);
    const customers = (await stripe.customers.list({ email: 'grace@example.com', limit: 10 })).data;
    expect(customers).toHaveLength(1);
  });

  it("a submit while Stripe still works on the first (Stripe answers 409 in use, past the SDK's retries) is a retryable 503; the retry lands on the same payment", async () => {
    const returning = new Buyer(world, merchant, '203.0.113.9');
    const contact = { email: 'slow-stripe@example.com', firstName: 'Slow' };
    expect((await returning.pay({ contact, items: [{ priceId: merchant.prices.shirt, quantity: 1 }] })).statusCode).toBe(201); // stores the Stripe customer
    const body = { idempotencyKey: newIdempotencyKey(), contact, items: [{ priceId: merchant.prices.shirt, quantity: 2 }] };
    // Each Stripe call now takes 3 s, while its key is in use; the SDK's two retries of a 409 are over within about 1.5 s.
    await world.sandbox.setFaults('stripe', { latencyMs: 3000 });
    let first, second;
    try {
      const pending = returning.pay(body);
      await new Promise((r) => setTimeout(r, 300));
      second = await returning.pay(body);
      first = await pending;
    } finally {
      await world.sandbox.setFaults('stripe', { latencyMs: 0 });
    }
    expect(first.statusCode, first.body).toBe(201);
    expect(second.statusCode, second.body).toBe(503);
    expect(second.json().error).toMatchObject({ code: 'provider_unavailable', message: expect.stringMatching(/still busy with an identical earlier request/) });
    const retried = await returning.pay(body);
    expect(retried.statusCode).toBe(200);
    expect(retried.json().id).toBe(first.json().id);
    expect(retried.json().stripe.clientSecret).toBe(first.json().stripe.clientSecret);
    const stripe = (await loadStripeConnection(world.t.ctx, merchant.accountId, 'test'))!.client;
    const intents = (await stripe.paymentIntents.list({ limit: 100 })).data.filter((pi) => pi.metadata.onepagepay_transaction_id === first.json().id);
    expect(intents).toHaveLength(1);
  });

  it('the same key with a different order is refused with 409 and changes nothing', async () => {
    const idempotencyKey = newIdempotencyKey();
    const first = await buyer.pay({ idempotencyKey, items: [{ priceId: merchant.prices.shirt, quantity: 1 }] });
    expect(first.statusCode).toBe(201);
    const other = await buyer.pay({ idempotencyKey, items: [{ priceId: merchant.prices.shirt, quantity: 5 }] });
    expect(other.statusCode).toBe(409);
    expect(other.json().error.code).toBe('conflict');
    const { rows } = await world.t.ctx.database.query<{ amount: number }>(`SELECT amount FROM transactions WHERE account_id = $1 AND idempotency_key = $2`, [merchant.accountId, idempotencyKey]);
    expect(rows).toEqual([{ amount: 2500 }]);
  });

  it('a repeated request after success returns the same payment, not a new one', async () => {
    const idempotencyKey = newIdempotencyKey();
    const body = { idempotencyKey, items: [{ priceId: merchant.prices.sticker }] };
    const payment = (await buyer.pay(body)).json();
    await buyer.confirm(payment.stripe.clientSecret, payment.stripe.publishableKey, 'pm_card_visa');
    await buyer.complete(payment.id);
    const again = await buyer.pay(body);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: payment.id, status: 'succeeded', stripe: { clientSecret: payment.stripe.clientSecret } });
  });
});
