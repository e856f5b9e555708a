import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ibanValid } from '../../src/sandbox/stripe/local-methods.js';
import { raw, targets, type StripeTarget } from './stripe-harness.js';

const mandate = { customer_acceptance: { type: 'online' as const, online: { ip_address: '127.0.0.1', user_agent: 'vitest' } } };
const sepa = (iban: string) => ({ type: 'sepa_debit' as const, sepa_debit: { iban }, billing_details: { name: 'Jenny Rosen', email: 'jenny@example.com' } });
const klarna = { type: 'klarna' as const, billing_details: { email: 'jenny@example.com', address: { country: 'US' } } };

describe.each(targets)('Stripe redirect-based and delayed-notification methods contract — %s', (_name, makeTarget, skip) => {
  let t: StripeTarget;
  beforeAll(async () => {
    if (!skip) t = await makeTarget();
  });
  afterAll(async () => {
    await t?.close();
  });

  it.skipIf(skip)('payment_method_types follow the currency, and allow_redirects=never or allowed_payment_method_types leave redirect methods out', async () => {
    const usd = await t.stripe.paymentIntents.create({ amount: 2000, currency: 'usd', automatic_payment_methods: { enabled: true } });
    expect(usd.payment_method_types).toEqual(expect.arrayContaining(['card', 'klarna']));
    expect(usd.payment_method_types).not.toContain('sepa_debit');
    const eur = await t.stripe.paymentIntents.create({ amount: 2000, currency: 'eur', automatic_payment_methods: { enabled: true } });
    expect(eur.payment_method_types).toEqual(expect.arrayContaining(['card', 'klarna', 'sepa_debit']));
    const stay = await t.stripe.paymentIntents.create({ amount: 2000, currency: 'eur', automatic_payment_methods: { enabled: true, allow_redirects: 'never' } });
    expect(stay.payment_method_types).not.toContain('klarna');
    expect(stay.payment_method_types).toContain('sepa_debit');
    const cards = await t.stripe.paymentIntents.create({ amount: 2000, currency: 'eur', allowed_payment_method_types: ['card'] });
    expect(cards.payment_method_types).toEqual(['card']);
    expect(cards.automatic_payment_methods).toBeNull();
  });

  it.skipIf(skip)('Klarna asks for a redirect to its page, back to return_url', async () => {
    const pi = await t.stripe.paymentIntents.create({ amount: 2000, currency: 'usd', automatic_payment_methods: { enabled: true } });
    const confirmed = await t.stripe.paymentIntents.confirm(pi.id, { payment_method_data: klarna, return_url: 'https://shop.example/pay?x=1' });
    expect(confirmed.status).toBe('requires_action');
    expect(confirmed.next_action).toMatchObject({ type: 'redirect_to_url', redirect_to_url: { return_url: 'https://shop.example/pay?x=1', url: expect.stringMatching(/^https?:\/\//) } });
  });

  it.skipIf(skip)('a SEPA debit is processing after confirmation, with a pending charge', async () => {
    const pi = await t.stripe.paymentIntents.create({ amount: 2000, currency: 'eur', automatic_payment_methods: { enabled: true, allow_redirects: 'never' } });
    const confirmed = await t.stripe.paymentIntents.confirm(pi.id, { payment_method_data: sepa('AT321904300235473204'), mandate_data: mandate, expand: ['latest_charge'] });
    expect(confirmed.status).toBe('processing');
    expect(confirmed.latest_charge).toMatchObject({ status: 'pending', payment_method_details: { type: 'sepa_debit', sepa_debit: { last4: '3204' } } });
  });

  it.skipIf(skip)('a method the PaymentIntent does not allow is refused', async () => {
    const pi = await t.stripe.paymentIntents.create({ amount: 2000, currency: 'usd', automatic_payment_methods: { enabled: true, allow_redirects: 'never' } });
    await expect(t.stripe.paymentIntents.confirm(pi.id, { payment_method_data: klarna, return_url: 'https://shop.example/pay' })).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
    });
    expect((await t.stripe.paymentIntents.retrieve(pi.id)).status).toBe('requires_payment_method');
  });
});

describe('Stripe redirect-based and delayed-notification methods — sandbox only', () => {
  let t: StripeTarget;
  beforeAll(async () => {
    t = await targets[0][1]();
  });
  afterAll(() => t.close());

  const events = async (piId: string) =>
    (await t.stripe.events.list({ limit: 50 })).data
      .filter((e) => (e.data.object as { id?: string; payment_intent?: string }).id === piId || (e.data.object as { payment_intent?: string }).payment_intent === piId)
      .map((e) => e.type)
      .reverse();

  it('knows a valid IBAN', () => {
    expect(ibanValid('AT611904300234573201')).toBe(true);
    expect(ibanValid('DE89370400440532013000')).toBe(true);
    expect(ibanValid('DE89370400440532013001')).toBe(false);
    expect(ibanValid('AT61')).toBe(false);
  });

  it('Klarna: authorizing on its page charges the payment; failing it returns the PaymentIntent for another method', async () => {
    for (const [result, status] of [
      ['succeed', 'succeeded'],
      ['fail', 'requires_payment_method'],
    ] as const) {
      const pi = await t.stripe.paymentIntents.create({ amount: 2500, currency: 'usd', automatic_payment_methods: { enabled: true } });
      const confirmed = await raw(t.apiBase, 'POST', `/v1/payment_intents/${pi.id}/confirm`, {
        key: t.publishableKey,
        form: {
          client_secret: pi.client_secret!,
          'payment_method_data[type]': 'klarna',
          'payment_method_data[billing_details][email]': 'jenny@example.com',
          'payment_method_data[billing_details][address][country]': 'US',
          return_url: 'https://shop.example/pay',
          use_stripe_sdk: 'true',
        },
      });
      expect(confirmed.status).toBe(200);
      const page = await fetch(confirmed.body.next_action.redirect_to_url.url);
      expect(await page.text()).toContain('Authorize test payment');
      const answered = await raw(t.apiBase, 'POST', `/__sandbox/stripe/redirect/${pi.id}`, { form: { client_secret: pi.client_secret!, result } });
      expect(answered.body.status).toBe(status);
      expect(answered.body.metadata).toBeUndefined();
      const after = await t.stripe.paymentIntents.retrieve(pi.id, { expand: ['latest_charge'] });
      if (result === 'succeed') {
        expect(after.latest_charge).toMatchObject({ status: 'succeeded', payment_method_details: { type: 'klarna' } });
        expect(await events(pi.id)).toEqual(expect.arrayContaining(['payment_intent.requires_action', 'charge.succeeded', 'payment_intent.succeeded']));
      } else {
        expect(after.last_payment_error).toMatchObject({ code: 'payment_intent_payment_attempt_failed' });
        expect(await events(pi.id)).toContain('payment_intent.payment_failed');
      }
    }
    // Without a return_url there is nowhere to come back to.
    const pi = await t.stripe.paymentIntents.create({ amount: 2500, currency: 'usd', automatic_payment_methods: { enabled: true } });
    await expect(t.stripe.paymentIntents.confirm(pi.id, { payment_method_data: klarna })).rejects.toMatchObject({ param: 'return_url' });
    // The page needs the client secret.
    expect((await fetch(`${t.apiBase}/__sandbox/stripe/redirect/${pi.id}?client_secret=wrong`)).status).toBe(400);
  });

  it("SEPA debits: Stripe's test IBANs succeed or fail, at once or after three minutes of sandbox time", async () => {
    const debit = async (iban: string) => {
      const pi = await t.stripe.paymentIntents.create({ amount: 4000, currency: 'eur', automatic_payment_methods: { enabled: true, allow_redirects: 'never' } });
      await t.stripe.paymentIntents.confirm(pi.id, { payment_method_data: sepa(iban), mandate_data: mandate });
      return pi.id;
    };
    const status = async (id: string) => (await t.stripe.paymentIntents.retrieve(id)).status;
    const succeeds = await debit('AT611904300234573201');
    const fails = await debit('AT861904300235473202');
    const succeedsLater = await debit('AT321904300235473204');
    const failsLater = await debit('AT051904300235473205');
    for (const id of [succeeds, fails, succeedsLater, failsLater]) expect(await status(id)).toBe('processing');

    t.sandbox!.clock.advance(1_000);
    expect(await status(succeeds)).toBe('succeeded');
    const failed = await t.stripe.paymentIntents.retrieve(fails, { expand: ['latest_charge'] });
    expect(failed).toMatchObject({ status: 'requires_payment_method', last_payment_error: { code: 'insufficient_funds' }, latest_charge: { status: 'failed' } });
    expect(await status(succeedsLater)).toBe('processing');
    expect(await status(failsLater)).toBe('processing');

    t.sandbox!.clock.advance(180_000);
    expect(await status(succeedsLater)).toBe('succeeded');
    expect(await status(failsLater)).toBe('requires_payment_method');
    expect(await events(succeeds)).toEqual(['payment_intent.created', 'charge.pending', 'payment_intent.processing', 'charge.succeeded', 'payment_intent.succeeded']);
    expect(await events(fails)).toEqual(['payment_intent.created', 'charge.pending', 'payment_intent.processing', 'charge.failed', 'payment_intent.payment_failed']);
  });

  it('a SEPA debit needs the mandate, a valid IBAN and the holder', async () => {
    const pi = await t.stripe.paymentIntents.create({ amount: 4000, currency: 'eur', automatic_payment_methods: { enabled: true } });
    await expect(t.stripe.paymentIntents.confirm(pi.id, { payment_method_data: sepa('AT611904300234573201') })).rejects.toMatchObject({ param: 'mandate_data' });
    await expect(t.stripe.paymentIntents.confirm(pi.id, { payment_method_data: sepa('AT611904300234573200'), mandate_data: mandate })).rejects.toMatchObject({ code: 'invalid_bank_account_iban' });
    await expect(
      t.stripe.paymentIntents.confirm(pi.id, { payment_method_data: { ...sepa('AT611904300234573201'), billing_details: { email: 'jenny@example.com' } }, mandate_data: mandate }),
    ).rejects.toMatchObject({ code: 'parameter_missing' });
    expect(await t.stripe.paymentIntents.retrieve(pi.id)).toMatchObject({ status: 'requires_payment_method' });
  });
});
