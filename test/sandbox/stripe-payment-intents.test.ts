import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Stripe from 'stripe';
import { raw, rejection, sdkOptions, targets, type StripeTarget } from './stripe-harness.js';

describe.each(targets)('Stripe PaymentIntents contract — %s', (_name, makeTarget, skip) => {
  let t: StripeTarget;
  beforeAll(async () => {
    if (!skip) t = await makeTarget();
  });
  afterAll(async () => {
    await t?.close();
  });

  it.skipIf(skip)('creates a PaymentIntent with Stripe fields, a client secret and automatic payment methods', async () => {
    const pi = await t.stripe.paymentIntents.create({ amount: 2000, currency: 'usd', metadata: { order: 'o1' } });
    expect(pi.id).toMatch(/^pi_/);
    expect(pi.object).toBe('payment_intent');
    expect(pi.status).toBe('requires_payment_method');
    expect(pi.client_secret).toMatch(new RegExp(`^${pi.id}_secret_`));
    expect(pi.amount).toBe(2000);
    expect(pi.amount_received).toBe(0);
    expect(pi.currency).toBe('usd');
    expect(pi.metadata).toEqual({ order: 'o1' });
    expect(pi.livemode).toBe(false);
    expect(pi.automatic_payment_methods?.enabled).toBe(true);
    expect(pi.latest_charge).toBeNull();
    const again = await t.stripe.paymentIntents.retrieve(pi.id);
    expect(again.id).toBe(pi.id);
  });

  it.skipIf(skip)('confirms with pm_card_visa and succeeds with a charge', async () => {
    const customer = await t.stripe.customers.create({ email: 'buyer@example.com', name: 'Ada Buyer' });
    const pi = await t.stripe.paymentIntents.create({
      amount: 1999,
      currency: 'eur',
      customer: customer.id,
      payment_method: 'pm_card_visa',
      confirm: true,
      automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
      expand: ['latest_charge'],
    });
    expect(pi.status).toBe('succeeded');
    expect(pi.amount_received).toBe(1999);
    expect(pi.customer).toBe(customer.id);
    const charge = pi.latest_charge as Stripe.Charge;
    expect(charge.id).toMatch(/^ch_/);
    expect(charge.status).toBe('succeeded');
    expect(charge.paid).toBe(true);
    expect(charge.amount_captured).toBe(1999);
    expect(charge.payment_method_details?.card?.last4).toBe('4242');
    expect(charge.payment_method_details?.card?.brand).toBe('visa');
    const fetched = await t.stripe.charges.retrieve(charge.id);
    expect(fetched.payment_intent).toBe(pi.id);
  });

  const declines: Array<[string, string, string | undefined, string]> = [
    ['pm_card_chargeDeclined', 'card_declined', 'generic_decline', 'Your card was declined.'],
    ['pm_card_chargeDeclinedInsufficientFunds', 'card_declined', 'insufficient_funds', 'Your card has insufficient funds.'],
    ['pm_card_chargeDeclinedLostCard', 'card_declined', 'lost_card', 'Your card was declined.'],
    ['pm_card_chargeDeclinedStolenCard', 'card_declined', 'stolen_card', 'Your card was declined.'],
    ['pm_card_chargeDeclinedExpiredCard', 'expired_card', 'expired_card', 'Your card has expired.'],
    ['pm_card_chargeDeclinedIncorrectCvc', 'incorrect_cvc', 'incorrect_cvc', "Your card's security code is incorrect."],
    ['pm_card_chargeDeclinedProcessingError', 'processing_error', 'processing_error', 'An error occurred while processing your card. Try again in a little bit.'],
  ];
  it.skipIf(skip).each(declines)('%s declines with HTTP 402 code %s / %s', async (pm, code, declineCode, message) => {
    const pi = await t.stripe.paymentIntents.create({ amount: 1500, currency: 'usd', automatic_payment_methods: { enabled: true, allow_redirects: 'never' } });
    const err = (await t.stripe.paymentIntents.confirm(pi.id, { payment_method: pm }).catch((e: unknown) => e)) as Stripe.errors.StripeCardError;
    expect(err).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(err.statusCode).toBe(402);
    expect(err.type).toBe('StripeCardError');
    expect(err.code).toBe(code);
    expect(err.decline_code).toBe(declineCode);
    expect(err.message).toBe(message);
    expect(err.raw).toMatchObject({ type: 'card_error', doc_url: expect.stringContaining('stripe.com/docs/error-codes/') });
    expect((err.raw as { charge?: string }).charge).toMatch(/^ch_/);
    expect(err.payment_intent?.status).toBe('requires_payment_method');
    expect(err.payment_intent?.last_payment_error?.code).toBe(code);
    const after = await t.stripe.paymentIntents.retrieve(pi.id);
    expect(after.status).toBe('requires_payment_method');
    expect(after.last_payment_error?.decline_code).toBe(declineCode);
    const charge = await t.stripe.charges.retrieve(after.latest_charge as string);
    expect(charge.status).toBe('failed');
    expect(charge.failure_code).toBe(code);
  });

  it.skipIf(skip)('requires 3-D Secure for pm_card_authenticationRequired, with next_action', async () => {
    const pi = await t.stripe.paymentIntents.create({
      amount: 4200,
      currency: 'usd',
      payment_method: 'pm_card_authenticationRequired',
      confirm: true,
      automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
    });
    expect(pi.status).toBe('requires_action');
    expect(pi.next_action?.type).toBe('use_stripe_sdk');
  });

  it.skipIf(skip)('updates metadata and amount, then cancels', async () => {
    const pi = await t.stripe.paymentIntents.create({ amount: 1000, currency: 'usd' });
    const updated = await t.stripe.paymentIntents.update(pi.id, { amount: 1200, metadata: { a: '1' } });
    expect(updated.amount).toBe(1200);
    expect(updated.metadata).toEqual({ a: '1' });
    const cleared = await t.stripe.paymentIntents.update(pi.id, { metadata: { a: '' } });
    expect(cleared.metadata).toEqual({});
    const canceled = await t.stripe.paymentIntents.cancel(pi.id, { cancellation_reason: 'abandoned' });
    expect(canceled.status).toBe('canceled');
    expect(canceled.cancellation_reason).toBe('abandoned');
    const err = await rejection(t.stripe.paymentIntents.cancel(pi.id));
    expect(err.code).toBe('payment_intent_unexpected_state');
  });

  it.skipIf(skip)('authorises with capture_method=manual and captures part of it', async () => {
    const pi = await t.stripe.paymentIntents.create({
      amount: 5000,
      currency: 'usd',
      capture_method: 'manual',
      payment_method: 'pm_card_visa',
      confirm: true,
      automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
    });
    expect(pi.status).toBe('requires_capture');
    expect(pi.amount_capturable).toBe(5000);
    const captured = await t.stripe.paymentIntents.capture(pi.id, { amount_to_capture: 3000 });
    expect(captured.status).toBe('succeeded');
    expect(captured.amount_received).toBe(3000);
  });

  it.skipIf(skip)('refunds part, then the rest, of a payment', async () => {
    const pi = await t.stripe.paymentIntents.create({
      amount: 3000,
      currency: 'usd',
      payment_method: 'pm_card_visa',
      confirm: true,
      automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
    });
    const partial = await t.stripe.refunds.create({ payment_intent: pi.id, amount: 1000, reason: 'requested_by_customer' });
    expect(partial.id).toMatch(/^re_/);
    expect(partial.status).toBe('succeeded');
    expect(partial.amount).toBe(1000);
    let charge = await t.stripe.charges.retrieve(pi.latest_charge as string);
    expect(charge.amount_refunded).toBe(1000);
    expect(charge.refunded).toBe(false);
    const tooMuch = await rejection(t.stripe.refunds.create({ payment_intent: pi.id, amount: 5000 }));
    expect(tooMuch).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(tooMuch.code).toBe('amount_too_large');
    const rest = await t.stripe.refunds.create({ charge: charge.id });
    expect(rest.amount).toBe(2000);
    charge = await t.stripe.charges.retrieve(charge.id);
    expect(charge.amount_refunded).toBe(3000);
    expect(charge.refunded).toBe(true);
    const again = await rejection(t.stripe.refunds.create({ charge: charge.id }));
    expect(again.code).toBe('charge_already_refunded');
    const list = await t.stripe.refunds.list({ payment_intent: pi.id });
    expect(list.data.map((r) => r.id).sort()).toEqual([partial.id, rest.id].sort());
  });

  it.skipIf(skip)('answers 404 resource_missing for an unknown id, with a Request-Id', async () => {
    const err = (await t.stripe.paymentIntents.retrieve('pi_doesnotexist123').catch((e: unknown) => e)) as Stripe.errors.StripeInvalidRequestError;
    expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(err.statusCode).toBe(404);
    expect(err.code).toBe('resource_missing');
    expect(err.message).toBe("No such payment_intent: 'pi_doesnotexist123'");
    expect(err.requestId).toMatch(/^req_/);
  });

  it.skipIf(skip)('refuses unknown parameters with parameter_unknown', async () => {
    const res = await raw(t.apiBase, 'POST', '/v1/payment_intents', { key: t.secretKey, form: { amount: '1000', currency: 'usd', colour: 'blue' } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ type: 'invalid_request_error', code: 'parameter_unknown', param: 'colour', message: 'Received unknown parameter: colour' });
    expect(res.headers.get('request-id')).toMatch(/^req_/);
  });

  it.skipIf(skip)('refuses a missing or malformed API key with 401', async () => {
    const none = await raw(t.apiBase, 'GET', '/v1/customers');
    expect(none.status).toBe(401);
    expect(none.body.error.type).toBe('invalid_request_error');
    expect(none.body.error.message).toMatch(/You did not provide an API key/);
    const bad = new Stripe('sk_test_not-a-key!', t.name === 'sandbox' ? sdkOptions(t.apiBase) : {});
    const err = await bad.customers.list().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    expect((err as Stripe.errors.StripeError).statusCode).toBe(401);
  });

  it.skipIf(skip)('lists with limit, starting_after and has_more', async () => {
    const email = `list-${Date.now()}@example.com`;
    const made = [];
    for (let i = 0; i < 3; i++) made.push(await t.stripe.customers.create({ email }));
    const page1 = await t.stripe.customers.list({ email, limit: 2 });
    expect(page1.object).toBe('list');
    expect(page1.url).toBe('/v1/customers');
    expect(page1.data.map((c) => c.id)).toEqual([made[2].id, made[1].id]);
    expect(page1.has_more).toBe(true);
    const page2 = await t.stripe.customers.list({ email, limit: 2, starting_after: page1.data[1].id });
    expect(page2.data.map((c) => c.id)).toEqual([made[0].id]);
    expect(page2.has_more).toBe(false);
  });
});

