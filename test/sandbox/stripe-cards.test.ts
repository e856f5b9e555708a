import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raw, sandboxTarget, type StripeTarget } from './stripe-harness.js';

/** Card numbers reach the stand-in only as Stripe.js sends them: publishable key + client secret. */
describe('Stripe stand-in — test cards confirmed the way Stripe.js confirms', () => {
  let t: StripeTarget;
  beforeAll(async () => {
    t = await sandboxTarget();
  });
  afterAll(async () => {
    await t.close();
  });

  async function confirmWithCard(number: string, extra: Record<string, string> = {}) {
    const pi = await t.stripe.paymentIntents.create({ amount: 2500, currency: 'usd' });
    const res = await raw(t.apiBase, 'POST', `/v1/payment_intents/${pi.id}/confirm`, {
      form: {
        key: t.publishableKey!,
        client_secret: pi.client_secret!,
        'payment_method_data[type]': 'card',
        'payment_method_data[card][number]': number,
        'payment_method_data[card][exp_month]': '12',
        'payment_method_data[card][exp_year]': String(new Date().getUTCFullYear() + 2),
        'payment_method_data[card][cvc]': '123',
        'payment_method_data[billing_details][email]': 'buyer@example.com',
        ...extra,
      },
    });
    return { pi, res };
  }

  it('4242 4242 4242 4242 succeeds', async () => {
    const { res } = await confirmWithCard('4242 4242 4242 4242');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('succeeded');
    expect(res.body.amount_received).toBe(2500);
    expect(res.body.latest_charge).toMatch(/^ch_/);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });

  const declines: Array<[string, string, string | undefined]> = [
    ['4000000000000002', 'card_declined', 'generic_decline'],
    ['4000000000009995', 'card_declined', 'insufficient_funds'],
    ['4000000000009987', 'card_declined', 'lost_card'],
    ['4000000000009979', 'card_declined', 'stolen_card'],
    ['4000000000000069', 'expired_card', 'expired_card'],
    ['4000000000000127', 'incorrect_cvc', 'incorrect_cvc'],
    ['4000000000000119', 'processing_error', 'processing_error'],
    ['4242424242424241', 'incorrect_number', undefined],
  ];
  it.each(declines)('%s answers 402 %s (%s)', async (number, code, declineCode) => {
    const { pi, res } = await confirmWithCard(number);
    expect(res.status).toBe(402);
    expect(res.body.error.type).toBe('card_error');
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.decline_code).toBe(declineCode);
    expect(res.body.error.request_log_url).toMatch(/^https:\/\/dashboard\.stripe\.com\/test\/logs\/req_/);
    expect(res.body.error.payment_intent.id).toBe(pi.id);
    expect(res.body.error.payment_intent.status).toBe('requires_payment_method');
    expect(res.body.error.payment_intent.last_payment_error.code).toBe(code);
  });

  it('a 3-D Secure card answers requires_action with use_stripe_sdk', async () => {
    const { res } = await confirmWithCard('4000002760003184');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('requires_action');
    expect(res.body.next_action.type).toBe('use_stripe_sdk');
    expect(res.body.next_action.use_stripe_sdk.stripe_js).toContain(`${t.apiBase}/__sandbox/stripe/3ds/`);
  });

  it('never stores the card number or CVC: only brand, last4 and expiry', async () => {
    const { pi } = await confirmWithCard('4242424242424242', { 'payment_method_data[card][cvc]': '987' });
    const full = await t.stripe.paymentIntents.retrieve(pi.id, { expand: ['payment_method'] });
    const pm = full.payment_method as { card: { last4: string; brand: string; exp_month: number } };
    expect(pm.card).toMatchObject({ last4: '4242', brand: 'visa', exp_month: 12 });
    const res = await fetch(`${t.apiBase}/__sandbox/stripe/store`, { headers: { authorization: `Bearer ${t.secretKey}` } });
    const dump = await res.text();
    expect(dump).toContain(pi.id);
    // Booleans, not toContain: a failure must not print the store.
    expect(dump.includes('4242424242424242')).toBe(false);
    expect(dump.includes('4242 4242 4242 4242')).toBe(false);
    expect(/"cvc"\s*:|"987"/.test(dump)).toBe(false);
  });

  it('the publishable key cannot read a PaymentIntent without its client secret, nor use secret-key endpoints', async () => {
    const pi = await t.stripe.paymentIntents.create({ amount: 2500, currency: 'usd', metadata: { internal: 'yes' } });
    const without = await raw(t.apiBase, 'GET', `/v1/payment_intents/${pi.id}`, { key: t.publishableKey });
    expect(without.status).toBe(400);
    const wrong = await raw(t.apiBase, 'GET', `/v1/payment_intents/${pi.id}?client_secret=${pi.id}_secret_nope`, { key: t.publishableKey });
    expect(wrong.status).toBe(400);
    const right = await raw(t.apiBase, 'GET', `/v1/payment_intents/${pi.id}?client_secret=${encodeURIComponent(pi.client_secret!)}`, { key: t.publishableKey });
    expect(right.status).toBe(200);
    expect(right.body.status).toBe('requires_payment_method');
    expect(right.body.metadata).toBeUndefined();
    const list = await raw(t.apiBase, 'GET', '/v1/payment_intents', { key: t.publishableKey });
    expect(list.status).toBe(401);
  });

  it('a decline answered to the publishable key shows the PaymentIntent without its metadata or customer, as Stripe does', async () => {
    const customer = await t.stripe.customers.create({ email: 'buyer@example.com' });
    const pi = await t.stripe.paymentIntents.create({ amount: 2500, currency: 'usd', customer: customer.id, metadata: { onepagepay_transaction_id: 'pay_x' } });
    const res = await raw(t.apiBase, 'POST', `/v1/payment_intents/${pi.id}/confirm`, {
      form: { key: t.publishableKey!, client_secret: pi.client_secret!, payment_method: 'pm_card_chargeDeclined' },
    });
    expect(res.status).toBe(402);
    expect(res.body.error).toMatchObject({ type: 'card_error', code: 'card_declined', payment_intent: { id: pi.id, status: 'requires_payment_method' } });
    expect(res.body.error.payment_intent).not.toHaveProperty('metadata');
    expect(res.body.error.payment_intent).not.toHaveProperty('customer');
    expect(JSON.stringify(res.body)).not.toContain('pay_x');
    // The secret key still sees everything, on the same PaymentIntent.
    const server = await t.stripe.paymentIntents.retrieve(pi.id);
    expect(server).toMatchObject({ customer: customer.id, metadata: { onepagepay_transaction_id: 'pay_x' } });
  });

  it('answers CORS preflights for the browser', async () => {
    const res = await fetch(`${t.apiBase}/v1/payment_intents/pi_x/confirm`, {
      method: 'OPTIONS',
      headers: { origin: 'https://merchant.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('3-D Secure: Complete succeeds, Fail returns to requires_payment_method with payment_intent_authentication_failure', async () => {
    const ok = await confirmWithCard('4000002760003184');
    const done = await raw(t.apiBase, 'POST', `/__sandbox/stripe/3ds/${ok.pi.id}`, { form: { client_secret: ok.pi.client_secret!, result: 'succeed' } });
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('succeeded');
    const charge = await t.stripe.charges.retrieve(done.body.latest_charge);
    expect(charge.payment_method_details?.card?.three_d_secure).toMatchObject({ result: 'authenticated' });

    const ko = await confirmWithCard('4000002760003184');
    const failed = await raw(t.apiBase, 'POST', `/__sandbox/stripe/3ds/${ko.pi.id}`, { form: { client_secret: ko.pi.client_secret!, result: 'fail' } });
    expect(failed.body.status).toBe('requires_payment_method');
    expect(failed.body.last_payment_error.code).toBe('payment_intent_authentication_failure');
    const after = await t.stripe.paymentIntents.retrieve(ko.pi.id);
    expect(after.status).toBe('requires_payment_method');
    // The buyer can try again with another card.
    const retry = await raw(t.apiBase, 'POST', `/v1/payment_intents/${ko.pi.id}/confirm`, {
      key: t.publishableKey,
      form: { client_secret: ko.pi.client_secret!, payment_method: 'pm_card_visa' },
    });
    expect(retry.body.status).toBe('succeeded');
  });

  it('3-D Secure via SDK: server-side confirm with return_url gives redirect_to_url and a challenge page', async () => {
    const pi = await t.stripe.paymentIntents.create({ amount: 900, currency: 'usd', payment_method: 'pm_card_authenticationRequired', confirm: true, return_url: 'https://merchant.example/done' });
    expect(pi.status).toBe('requires_action');
    expect(pi.next_action?.type).toBe('redirect_to_url');
    expect(pi.next_action?.redirect_to_url?.return_url).toBe('https://merchant.example/done');
    const page = await fetch(pi.next_action!.redirect_to_url!.url!);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Complete');
    expect(html).toContain('Fail');
  });
});
