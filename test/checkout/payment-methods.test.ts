import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadStripeConnection } from '../../src/providers/stripe/load-stripe-connection.js';
import { drivers } from '../helpers/databases.js';
import { Buyer, createMerchant, startCheckoutWorld, type CheckoutWorld, type Merchant } from '../helpers/checkout.js';

/** Payment methods besides cards: Klarna (the buyer leaves for its page and comes back) and SEPA Direct Debit (decided days later). */
describe.each(drivers)('redirect-based and delayed-notification payment methods (%s)', (driver) => {
  let world: CheckoutWorld;
  let merchant: Merchant;
  let buyer: Buyer;
  let euroFormId: string;
  beforeAll(async () => {
    world = await startCheckoutWorld(driver);
    merchant = await createMerchant(world.t);
    buyer = new Buyer(world, merchant);
    const product = (await merchant.client.request('POST', '/api/v1/products', { name: 'Workshop' })).json();
    const price = (await merchant.client.request('POST', '/api/v1/prices', { productId: product.id, type: 'fixed', currency: 'eur', unitAmount: 4000 })).json();
    euroFormId = (await merchant.client.request('POST', '/api/v1/forms', { name: 'Workshop', selection: 'fixed', items: [{ priceId: price.id }] })).json().id;
  }, 60_000);
  afterAll(() => world?.close());

  const stripe = async () => (await loadStripeConnection(world.t.ctx, merchant.accountId, 'test'))!.client;
  const piOf = (payment: { stripe: { clientSecret: string } }) => payment.stripe.clientSecret.split('_secret_')[0]!;
  /** How the dashboard shows the way the buyer paid. */
  const shownMethod = async (id: string) => (await merchant.client.request('GET', `/api/v1/transactions/${id}`)).json().paymentMethod;
  const stored = async (id: string) => (await world.t.ctx.database.query<{ status: string; failure_code: string | null }>('SELECT status, failure_code FROM transactions WHERE id = $1', [id])).rows[0];

  /** What the Payment Element sends from the browser (publishable key, client secret) for a method other than cards. */
  async function confirmWith(payment: { stripe: { clientSecret: string; publishableKey: string } }, fields: Record<string, string>) {
    const res = await fetch(`${world.sandbox.urls.stripe}/v1/payment_intents/${piOf(payment)}/confirm`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ key: payment.stripe.publishableKey, client_secret: payment.stripe.clientSecret, use_stripe_sdk: 'true', ...fields }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  }
  const klarna = {
    'payment_method_data[type]': 'klarna',
    'payment_method_data[billing_details][email]': 'ada@example.com',
    'payment_method_data[billing_details][address][country]': 'US',
    return_url: 'https://shop.example/pay?onepagepay_form=x&onepagepay_payment=y',
  };
  const sepa = (iban: string) => ({
    'payment_method_data[type]': 'sepa_debit',
    'payment_method_data[sepa_debit][iban]': iban,
    'payment_method_data[billing_details][name]': 'Ada Lovelace',
    'payment_method_data[billing_details][email]': 'ada@example.com',
    'mandate_data[customer_acceptance][type]': 'online',
    'mandate_data[customer_acceptance][online][infer_from_client]': 'true',
  });

  it('inside a HubSpot form (no allowRedirects) the PaymentIntent takes cards only: a redirect method is refused by Stripe', async () => {
    const payment = (await buyer.pay({ items: [{ priceId: merchant.prices.shirt }] })).json();
    const pi = await (await stripe()).paymentIntents.retrieve(piOf(payment));
    expect(pi.payment_method_types).toEqual(['card']);
    const refused = await confirmWith(payment, klarna);
    expect(refused.status).toBe(400);
    expect((await buyer.complete(payment.id)).json().status).toBe('pending');
  });

  it('Klarna, authorized on its page: requires_action while the buyer is away, succeeded once back', async () => {
    const payment = (await buyer.pay({ items: [{ priceId: merchant.prices.shirt }], allowRedirects: true })).json();
    expect((await (await stripe()).paymentIntents.retrieve(piOf(payment))).payment_method_types).toContain('klarna');
    const confirmed = await confirmWith(payment, klarna);
    expect(confirmed.body.next_action.type).toBe('redirect_to_url');
    expect((await buyer.complete(payment.id)).json().status).toBe('requires_action');
    await fetch(`${world.sandbox.urls.stripe}/__sandbox/stripe/redirect/${piOf(payment)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_secret: payment.stripe.clientSecret, result: 'succeed' }),
    });
    expect((await buyer.complete(payment.id)).json()).toMatchObject({ status: 'succeeded', successMessage: 'Thank you!' });
    expect(await stored(payment.id)).toMatchObject({ status: 'succeeded' });
    expect(await shownMethod(payment.id)).toEqual({ type: 'klarna', brand: null, last4: null, email: null, label: 'Klarna' });
  });

  it('Klarna, failed on its page: failed in plain words, and the buyer can pay the same payment by card', async () => {
    const payment = (await buyer.pay({ items: [{ priceId: merchant.prices.sticker }], allowRedirects: true })).json();
    await confirmWith(payment, klarna);
    await fetch(`${world.sandbox.urls.stripe}/__sandbox/stripe/redirect/${piOf(payment)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_secret: payment.stripe.clientSecret, result: 'fail' }),
    });
    const failed = (await buyer.complete(payment.id)).json();
    expect(failed).toMatchObject({ status: 'failed', failureCode: 'payment_intent_payment_attempt_failed', failureMessage: 'The payment attempt failed. Please try again or use another card.' });
    await buyer.confirm(payment.stripe.clientSecret, payment.stripe.publishableKey, 'pm_card_visa');
    expect((await buyer.complete(payment.id)).json().status).toBe('succeeded');
    expect(await shownMethod(payment.id)).toEqual({ type: 'card', brand: 'visa', last4: '4242', email: null, label: 'Visa •••• 4242' });
  });

  it('SEPA Direct Debit: processing until the bank answers; the webhook then records succeeded or failed', async () => {
    const debit = async (iban: string) => {
      const payment = (await buyer.pay({ items: [{ priceId: (await formPrice()) }], allowRedirects: true }, { formId: euroFormId })).json();
      expect((await confirmWith(payment, sepa(iban))).body.status).toBe('processing');
      expect((await buyer.complete(payment.id)).json().status).toBe('processing');
      return payment.id as string;
    };
    const paid = await debit('AT611904300234573201');
    const bounced = await debit('AT861904300235473202');
    expect(await stored(paid)).toMatchObject({ status: 'processing' });

    world.sandbox.clock.advance(1_000);
    const { secretKey } = (await loadStripeConnection(world.t.ctx, merchant.accountId, 'test'))!;
    await fetch(`${world.sandbox.urls.stripe}/__sandbox/stripe/webhook_deliveries/flush`, { method: 'POST', headers: { authorization: `Bearer ${secretKey}` } });
    // No call to complete: the webhooks alone move the payments on.
    expect(await stored(paid)).toMatchObject({ status: 'succeeded' });
    expect(await stored(bounced)).toMatchObject({ status: 'failed', failure_code: 'insufficient_funds' });
    expect((await shownMethod(paid))?.label).toBe('SEPA Direct Debit •••• 3201');
    const jobs = (await world.t.ctx.database.query<{ status: string }>(`SELECT data->>'status' AS status FROM pgboss.job WHERE name = 'hubspot-sync' AND data->>'transactionId' = $1`, [paid])).rows;
    expect(jobs.map((j) => j.status)).toContain('succeeded');
  });

  async function formPrice(): Promise<string> {
    const config = (await buyer.config(euroFormId)).json();
    return config.items[0].priceId;
  }
});
