import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadStripeConnection } from '../../src/providers/stripe/load-stripe-connection.js';
import { drivers } from '../helpers/databases.js';
import { Buyer, createMerchant, startCheckoutWorld, type CheckoutWorld, type Merchant } from '../helpers/checkout.js';

type Entry = { kind: string; at: string; status?: string; reason?: string | null; type?: string; eventId?: string; amount?: number };

/** Issue 16: the payment page shows the fee and the net from Stripe's balance transaction, and what happened, in order. */
describe.each(drivers)("the payment page's fee, net and timeline (%s)", (driver) => {
  let world: CheckoutWorld;
  let merchant: Merchant;
  let buyer: Buyer;
  let stripe: Stripe;
  let secretKey: string;
  beforeAll(async () => {
    world = await startCheckoutWorld(driver);
    merchant = await createMerchant(world.t);
    buyer = new Buyer(world, merchant);
    ({ client: stripe, secretKey } = (await loadStripeConnection(world.t.ctx, merchant.accountId, 'test'))!);
  }, 60_000);
  afterAll(() => world?.close());

  const detail = async (id: string) => (await merchant.client.request('GET', `/api/v1/transactions/${id}`)).json();
  /** Every webhook the stand-in has for the merchant, delivered now. */
  const flushWebhooks = () => fetch(`${world.sandbox.urls.stripe}/__sandbox/stripe/webhook_deliveries/flush`, { method: 'POST', headers: { authorization: `Bearer ${secretKey}` } });
  const statuses = (timeline: Entry[]) => timeline.filter((e) => e.kind === 'status').map((e) => e.status);
  const shirt = () => ({ items: [{ priceId: merchant.prices.shirt, quantity: 1 }] });

  it("a payment the bank asked to authenticate: created, authentication asked, succeeded, each webhook once; fee and net as Stripe's balance transaction says", async () => {
    const payment = (await buyer.pay(shirt())).json();
    await buyer.confirm(payment.stripe.clientSecret, payment.stripe.publishableKey, 'pm_card_threeDSecure2Required');
    expect((await buyer.complete(payment.id)).json().status).toBe('requires_action');
    await buyer.threeDSecure(payment.stripe.clientSecret, 'succeed');
    expect((await buyer.complete(payment.id)).json().status).toBe('succeeded');
    await flushWebhooks();

    const shown = await detail(payment.id);
    const [txn] = (await stripe.balanceTransactions.list({ source: shown.stripe.chargeId })).data;
    expect(shown.settlement).toEqual({ currency: txn!.currency, fee: txn!.fee, net: txn!.net });
    expect(shown.settlement.fee).toBeGreaterThan(0);
    expect(shown.settlement.net).toBe(2500 - shown.settlement.fee);

    const timeline = shown.timeline as Entry[];
    expect(timeline[0]).toMatchObject({ kind: 'created', amount: 2500, currency: 'usd', at: shown.createdAt });
    expect(statuses(timeline)).toEqual(['requires_action', 'succeeded']);
    const webhooks = timeline.filter((e) => e.kind === 'webhook');
    expect(webhooks.map((e) => e.type)).toEqual(expect.arrayContaining(['payment_intent.requires_action', 'payment_intent.succeeded']));
    expect(new Set(webhooks.map((e) => e.eventId)).size).toBe(webhooks.length);
    const times = timeline.map((e) => e.at);
    expect([...times].sort()).toEqual(times);
  });

  it('a decline, then a card that works: the reason in words a merchant understands, never the provider\'s developer text', async () => {
    const payment = (await buyer.pay(shirt())).json();
    await buyer.confirm(payment.stripe.clientSecret, payment.stripe.publishableKey, 'pm_card_chargeDeclinedInsufficientFunds');
    expect((await buyer.complete(payment.id)).json().status).toBe('failed');
    await buyer.confirm(payment.stripe.clientSecret, payment.stripe.publishableKey, 'pm_card_visa');
    expect((await buyer.complete(payment.id)).json().status).toBe('succeeded');

    const timeline = (await detail(payment.id)).timeline as Entry[];
    expect(statuses(timeline)).toEqual(['failed', 'succeeded']);
    const failed = timeline.find((e) => e.status === 'failed')!;
    expect(failed.reason).toMatch(/insufficient funds/i);
    expect(JSON.stringify(timeline)).not.toMatch(/payment_method_data|card_error|decline_code/);
  });

  it('a refund: asked for by the merchant, then gone through; the fee stays what Stripe took', async () => {
    const payment = (await buyer.pay(shirt())).json();
    await buyer.confirm(payment.stripe.clientSecret, payment.stripe.publishableKey, 'pm_card_visa');
    await buyer.complete(payment.id);
    const before = (await detail(payment.id)).settlement;
    const refund = await merchant.client.request('POST', `/api/v1/transactions/${payment.id}/refunds`, { amount: 1000 });
    expect(refund.statusCode, refund.body).toBe(201);

    const shown = await detail(payment.id);
    const refunds = (shown.timeline as Entry[]).filter((e) => e.kind === 'refund');
    expect(refunds.map((e) => [e.status, e.amount])).toEqual([
      ['pending', 1000],
      ['succeeded', 1000],
    ]);
    // The refund tells it: no separate "partially refunded" status step.
    expect(statuses(shown.timeline)).toEqual(['succeeded']);
    expect(shown.settlement).toEqual(before);
  });

  it('a payment never paid has a timeline of one step and no fee', async () => {
    const payment = (await buyer.pay(shirt())).json();
    const shown = await detail(payment.id);
    expect(shown.settlement).toBeNull();
    expect(shown.timeline).toEqual([{ kind: 'created', amount: 2500, currency: 'usd', at: shown.createdAt }]);
  });
});
