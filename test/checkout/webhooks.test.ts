import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadStripeConnection, type StripeConnection } from '../../src/providers/stripe/load-stripe-connection.js';
import { paymentIntentOf } from '../../src/providers/stripe/stripe-provider.js';
import { stripeWebhookEvents } from '../../src/providers/stripe/webhook-endpoint.js';
import { drivers } from '../helpers/databases.js';
import { Buyer, createMerchant, startCheckoutWorld, type CheckoutWorld, type Merchant } from '../helpers/checkout.js';

const shuffled = <T>(items: T[]) => {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
};

describe.each(drivers)('Stripe webhooks (%s)', (driver) => {
  let world: CheckoutWorld;
  let merchant: Merchant;
  let buyer: Buyer;
  let stripe: StripeConnection;
  beforeAll(async () => {
    world = await startCheckoutWorld(driver);
    merchant = await createMerchant(world.t);
    buyer = new Buyer(world, merchant);
    stripe = (await loadStripeConnection(world.t.ctx, merchant.accountId, 'test'))!;
  }, 60_000);
  afterAll(() => world?.close());

  const deliver = (payload: string, header: string, accountId = merchant.accountId) =>
    world.t.app.inject({ method: 'POST', url: `/api/webhooks/stripe/${accountId}`, payload, headers: { 'content-type': 'application/json', 'stripe-signature': header } });
  const signed = (payload: string, options: { secret?: string; timestamp?: number } = {}) =>
    Stripe.webhooks.generateTestHeaderString({ payload, secret: options.secret ?? stripe.webhookSecret, timestamp: options.timestamp });

  /** A payment's whole life at Stripe, with no call to complete: declined, paid, refunded in two parts. */
  async function livePayment() {
    const payment = (await buyer.pay({ items: [{ priceId: merchant.prices.shirt, quantity: 2 }] })).json();
    const pi = payment.stripe.clientSecret.split('_secret_')[0] as string;
    await buyer.confirm(payment.stripe.clientSecret, payment.stripe.publishableKey, 'pm_card_chargeDeclined');
    await buyer.confirm(payment.stripe.clientSecret, payment.stripe.publishableKey, 'pm_card_visa');
    await stripe.client.refunds.create({ payment_intent: pi, amount: 1000 });
    await stripe.client.refunds.create({ payment_intent: pi });
    const events = (await stripe.client.events.list({ limit: 100 })).data
      .filter((e) => (stripeWebhookEvents as readonly string[]).includes(e.type) && paymentIntentOf(e) === pi)
      .reverse(); // oldest first
    return { id: payment.id as string, pi, events };
  }

  async function endState(id: string) {
    const db = world.t.ctx.database;
    const [tx] = (await db.query<Record<string, unknown>>(`SELECT status, amount, amount_refunded, failure_code, provider_charge_id IS NOT NULL AS charged FROM transactions WHERE id = $1`, [id])).rows;
    const refunds = (await db.query(`SELECT amount, status FROM refunds WHERE transaction_id = $1 ORDER BY amount`, [id])).rows;
    const jobs = (await db.query<{ status: string }>(`SELECT data->>'status' AS status FROM pgboss.job WHERE name = 'hubspot-sync' AND data->>'transactionId' = $1`, [id])).rows;
    return { tx, refunds, lastJob: jobs.map((j) => j.status).sort().at(-1) };
  }

  it('every event of a payment’s life, replayed 5 times in shuffled order, ends where one in-order pass ends', async () => {
    await world.sandbox.setFaults('stripe', { webhooksPaused: true });
    const inOrder = await livePayment();
    const replayed = await livePayment();
    expect(inOrder.events.map((e) => e.type)).toEqual(expect.arrayContaining(['payment_intent.payment_failed', 'payment_intent.succeeded', 'charge.refunded']));

    for (const event of inOrder.events) {
      const payload = JSON.stringify(event);
      const res = await deliver(payload, signed(payload));
      expect(res.statusCode, res.body).toBe(200);
    }
    const deliveries = shuffled(replayed.events.flatMap((e) => Array.from({ length: 5 }, () => e)));
    const answers = [];
    for (const event of deliveries) {
      const payload = JSON.stringify(event);
      const res = await deliver(payload, signed(payload));
      expect(res.statusCode, res.body).toBe(200);
      answers.push(res.json().duplicate);
    }
    expect(answers.filter((d) => d === false)).toHaveLength(replayed.events.length);

    const expected = await endState(inOrder.id);
    expect(expected.tx).toMatchObject({ status: 'refunded', amount: 5000, amount_refunded: 5000, charged: true });
    expect(expected.refunds).toEqual([
      { amount: 1000, status: 'succeeded' },
      { amount: 4000, status: 'succeeded' },
    ]);
    expect(await endState(replayed.id)).toEqual(expected);
  });

  it('refuses stale, tampered, wrongly signed and unsigned events, and changes nothing', async () => {
    const payment = (await buyer.pay({ items: [{ priceId: merchant.prices.sticker }] })).json();
    await buyer.confirm(payment.stripe.clientSecret, payment.stripe.publishableKey, 'pm_card_visa');
    const pi = payment.stripe.clientSecret.split('_secret_')[0];
    const event = (await stripe.client.events.list({ type: 'payment_intent.succeeded', limit: 100 })).data.find((e) => paymentIntentOf(e) === pi)!;
    const payload = JSON.stringify(event);

    const attempts = {
      stale: await deliver(payload, signed(payload, { timestamp: Math.floor(Date.now() / 1000) - 301 })),
      tampered: await deliver(payload.replace('"succeeded"', '"canceled"'), signed(payload)),
      wrongSecret: await deliver(payload, signed(payload, { secret: 'whsec_not_the_right_one' })),
      unsigned: await world.t.app.inject({ method: 'POST', url: `/api/webhooks/stripe/${merchant.accountId}`, payload, headers: { 'content-type': 'application/json' } }),
      otherAccount: await deliver(payload, signed(payload), 'f'.repeat(32)),
    };
    for (const [name, res] of Object.entries(attempts)) {
      expect(res.statusCode, name).toBe(400);
      expect(res.json().error.code, name).toBe('bad_request');
    }
    const { rows } = await world.t.ctx.database.query(`SELECT status FROM transactions WHERE id = $1`, [payment.id]);
    expect(rows).toEqual([{ status: 'pending' }]);
    const stored = await world.t.ctx.database.query(`SELECT 1 FROM provider_events WHERE event_id = $1`, [event.id]);
    expect(stored.rows).toEqual([]);

    // Within the tolerance, the same event is accepted.
    const fresh = await deliver(payload, signed(payload, { timestamp: Math.floor(Date.now() / 1000) - 200 }));
    expect(fresh.json()).toEqual({ received: true, duplicate: false });
    expect((await world.t.ctx.database.query(`SELECT status FROM transactions WHERE id = $1`, [payment.id])).rows).toEqual([{ status: 'succeeded' }]);
    const stored2 = await world.t.ctx.database.query(`SELECT provider, type FROM provider_events WHERE account_id = $1 AND event_id = $2`, [merchant.accountId, event.id]);
    expect(stored2.rows).toEqual([{ provider: 'stripe', type: 'payment_intent.succeeded' }]);
  });

  it('answers 404 for a provider no adapter is registered under, whatever the body says, and stores nothing', async () => {
    const payload = JSON.stringify({ id: 'evt_unknown_provider', type: 'payment_intent.succeeded', data: { object: { object: 'payment_intent', id: 'pi_x' } } });
    for (const provider of ['adyen', 'STRIPE', 'hubspot']) {
      const res = await world.t.app.inject({
        method: 'POST',
        url: `/api/webhooks/${provider}/${merchant.accountId}`,
        payload,
        headers: { 'content-type': 'application/json', 'stripe-signature': signed(payload) },
      });
      expect(res.statusCode, provider).toBe(provider === 'STRIPE' ? 400 : 404);
    }
    expect((await world.t.ctx.database.query(`SELECT 1 FROM provider_events WHERE event_id = 'evt_unknown_provider'`)).rows).toEqual([]);
  });

  it('the stand-in’s own signed deliveries converge a payment without any call to complete', async () => {
    await world.sandbox.setFaults('stripe', { webhooksPaused: false });
    const payment = (await buyer.pay({ items: [{ priceId: merchant.prices.sticker }] })).json();
    await buyer.confirm(payment.stripe.clientSecret, payment.stripe.publishableKey, 'pm_card_visa');
    let status = 'pending';
    for (let i = 0; i < 100 && status !== 'succeeded'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      status = (await world.t.ctx.database.query<{ status: string }>(`SELECT status FROM transactions WHERE id = $1`, [payment.id])).rows[0]!.status;
    }
    expect(status).toBe('succeeded');
  });
});
