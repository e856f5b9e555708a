import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Stripe from 'stripe';
import { raw, sandboxTarget, type StripeTarget } from './stripe-harness.js';

describe('Stripe stand-in — products, prices and subscriptions', () => {
  let t: StripeTarget;
  beforeAll(async () => {
    t = await sandboxTarget();
  });
  afterAll(async () => {
    await t.close();
  });

  async function monthly(amount = 1500) {
    const product = await t.stripe.products.create({ name: 'Membership', metadata: { sku: 'm1' } });
    return t.stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: amount, recurring: { interval: 'month' } });
  }

  it('creates products and one-time and recurring prices', async () => {
    const product = await t.stripe.products.create({ name: 'T-shirt', default_price_data: { currency: 'usd', unit_amount: 2500 } });
    expect(product.id).toMatch(/^prod_/);
    expect(product.default_price).toMatch(/^price_/);
    const oneTime = await t.stripe.prices.retrieve(product.default_price as string);
    expect(oneTime).toMatchObject({ type: 'one_time', unit_amount: 2500, currency: 'usd', recurring: null, product: product.id });
    const price = await monthly();
    expect(price).toMatchObject({ type: 'recurring', recurring: { interval: 'month', interval_count: 1 } });
    const listed = await t.stripe.prices.list({ product: product.id });
    expect(listed.data.map((p) => p.id)).toEqual([oneTime.id]);
  });

  it('default_incomplete: incomplete with a confirmation secret, active once its PaymentIntent succeeds', async () => {
    const customer = await t.stripe.customers.create({ email: 'sub@example.com' });
    const price = await monthly(1500);
    const sub = await t.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: price.id }],
      payment_behavior: 'default_incomplete',
      payment_settings: { save_default_payment_method: 'on_subscription' },
      expand: ['latest_invoice.confirmation_secret'],
    });
    expect(sub.id).toMatch(/^sub_/);
    expect(sub.status).toBe('incomplete');
    const invoice = sub.latest_invoice as Stripe.Invoice;
    expect(invoice.id).toMatch(/^in_/);
    expect(invoice.status).toBe('open');
    expect(invoice.amount_due).toBe(1500);
    const secret = invoice.confirmation_secret!.client_secret;
    expect(secret).toMatch(/^pi_.+_secret_/);

    // The legacy expansion still finds the same PaymentIntent.
    const legacy = await raw(t.apiBase, 'GET', `/v1/subscriptions/${sub.id}?expand[]=latest_invoice.payment_intent`, { key: t.secretKey });
    const piId = secret.split('_secret_')[0];
    expect(legacy.body.latest_invoice.payment_intent.id).toBe(piId);

    const confirmed = await raw(t.apiBase, 'POST', `/v1/payment_intents/${piId}/confirm`, { key: t.publishableKey, form: { client_secret: secret, payment_method: 'pm_card_visa' } });
    expect(confirmed.body.status).toBe('succeeded');
    const active = await t.stripe.subscriptions.retrieve(sub.id, { expand: ['latest_invoice'] });
    expect(active.status).toBe('active');
    expect((active.latest_invoice as Stripe.Invoice).status).toBe('paid');
    expect(active.default_payment_method).toMatch(/^pm_/);
    const events = await t.stripe.events.list({ type: 'customer.subscription.updated' });
    const update = events.data.find((e) => (e.data.object as Stripe.Subscription).id === sub.id);
    expect(update?.data.previous_attributes).toMatchObject({ status: 'incomplete' });
  });

  it('renews when the sandbox clock passes the period end, charging the saved payment method', async () => {
    const customer = await t.stripe.customers.create({ email: 'renew@example.com' });
    const price = await monthly(990);
    const sub = await t.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: price.id }],
      payment_behavior: 'default_incomplete',
      payment_settings: { save_default_payment_method: 'on_subscription' },
      expand: ['latest_invoice.confirmation_secret'],
    });
    const secret = (sub.latest_invoice as Stripe.Invoice).confirmation_secret!.client_secret;
    await t.stripe.paymentIntents.confirm(secret.split('_secret_')[0], { payment_method: 'pm_card_visa' });
    const periodEnd = sub.items.data[0].current_period_end;
    t.sandbox!.clock.advance(32 * 24 * 3_600_000);
    const renewed = await t.stripe.subscriptions.retrieve(sub.id);
    expect(renewed.status).toBe('active');
    expect(renewed.items.data[0].current_period_start).toBe(periodEnd);
    expect(renewed.latest_invoice).not.toBe((sub.latest_invoice as Stripe.Invoice).id);
    const invoices = await t.stripe.invoices.list({ subscription: sub.id });
    expect(invoices.data).toHaveLength(2);
    expect(invoices.data[0]).toMatchObject({ billing_reason: 'subscription_cycle', status: 'paid', amount_paid: 990 });
  });

  it('a renewal that declines makes the subscription past_due', async () => {
    const customer = await t.stripe.customers.create({ email: 'pastdue@example.com' });
    const price = await monthly(500);
    const sub = await t.stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }], default_payment_method: 'pm_card_visa' });
    expect(sub.status).toBe('active');
    await t.stripe.subscriptions.update(sub.id, { default_payment_method: 'pm_card_chargeDeclined' });
    t.sandbox!.clock.advance(32 * 24 * 3_600_000);
    const after = await t.stripe.subscriptions.retrieve(sub.id, { expand: ['latest_invoice'] });
    expect(after.status).toBe('past_due');
    expect((after.latest_invoice as Stripe.Invoice).status).toBe('open');
  });

  it('an unpaid incomplete subscription expires after 23 hours; cancel ends one at once', async () => {
    const customer = await t.stripe.customers.create({ email: 'expire@example.com' });
    const price = await monthly();
    const sub = await t.stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }], payment_behavior: 'default_incomplete' });
    t.sandbox!.clock.advance(24 * 3_600_000);
    expect((await t.stripe.subscriptions.retrieve(sub.id)).status).toBe('incomplete_expired');
    const other = await t.stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }], default_payment_method: 'pm_card_visa' });
    const canceled = await t.stripe.subscriptions.cancel(other.id);
    expect(canceled.status).toBe('canceled');
  });

  it('customers: retrieve, update, list by email and search by email', async () => {
    const c = await t.stripe.customers.create({ email: 'Find.Me@example.com', name: 'Find Me', metadata: { hubspot: '42' } });
    expect(c.id).toMatch(/^cus_/);
    const updated = await t.stripe.customers.update(c.id, { name: 'Found' });
    expect(updated.name).toBe('Found');
    expect((await t.stripe.customers.list({ email: 'Find.Me@example.com' })).data.map((x) => x.id)).toEqual([c.id]);
    const found = await t.stripe.customers.search({ query: "email:'Find.Me@example.com'" });
    expect(found.object).toBe('search_result');
    expect(found.data.map((x) => x.id)).toEqual([c.id]);
    const byMeta = await t.stripe.customers.search({ query: "metadata['hubspot']:'42'" });
    expect(byMeta.data.map((x) => x.id)).toEqual([c.id]);
    const withCustomer = await t.stripe.paymentIntents.create({ amount: 700, currency: 'usd', customer: c.id, expand: ['customer'] });
    expect((withCustomer.customer as Stripe.Customer).email).toBe('Find.Me@example.com');
  });

  it('keeps test and live data apart for the same account', async () => {
    const live = new Stripe(t.liveSecretKey ?? t.secretKey.replace('sk_test_', 'sk_live_'), { host: new URL(t.apiBase).hostname, port: Number(new URL(t.apiBase).port), protocol: 'http' });
    const c = await live.customers.create({ email: 'live@example.com' });
    expect(c.livemode).toBe(true);
    const err = await t.stripe.customers.retrieve(c.id).catch((e: Stripe.errors.StripeError) => e);
    expect((err as Stripe.errors.StripeError).statusCode).toBe(404);
  });
});
