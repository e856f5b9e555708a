import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Stripe from 'stripe';
import { raw, rejection, sdkOptions, targets, type StripeTarget } from './stripe-harness.js';

describe.each(targets)('Stripe idempotency contract — %s', (_name, makeTarget, skip) => {
  let t: StripeTarget;
  beforeAll(async () => {
    if (!skip) t = await makeTarget();
  });
  afterAll(async () => {
    await t?.close();
  });
  const key = () => `test-${Date.now()}-${Math.random().toString(36).slice(2)}`;

  it.skipIf(skip)('replays the first response for the same key and parameters', async () => {
    const k = key();
    const first = await raw(t.apiBase, 'POST', '/v1/payment_intents', { key: t.secretKey, form: { amount: '1234', currency: 'usd' }, headers: { 'idempotency-key': k } });
    const second = await raw(t.apiBase, 'POST', '/v1/payment_intents', { key: t.secretKey, form: { amount: '1234', currency: 'usd' }, headers: { 'idempotency-key': k } });
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.body.id).toBe(first.body.id);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
  });

  it.skipIf(skip)('replays errors too (a decline stays the same decline)', async () => {
    const pi = await t.stripe.paymentIntents.create({ amount: 1500, currency: 'usd', automatic_payment_methods: { enabled: true, allow_redirects: 'never' } });
    const k = key();
    const first = await rejection(t.stripe.paymentIntents.confirm(pi.id, { payment_method: 'pm_card_chargeDeclined' }, { idempotencyKey: k }));
    const second = await rejection(t.stripe.paymentIntents.confirm(pi.id, { payment_method: 'pm_card_chargeDeclined' }, { idempotencyKey: k }));
    expect(first.statusCode).toBe(402);
    expect(second.statusCode).toBe(402);
    expect((second.raw as { charge: string }).charge).toBe((first.raw as { charge: string }).charge);
    expect(second.headers?.['idempotent-replayed']).toBe('true');
  });

  it.skipIf(skip)('refuses the same key with other parameters (idempotency_error)', async () => {
    const k = key();
    await t.stripe.customers.create({ email: 'a@example.com' }, { idempotencyKey: k });
    const err = await rejection(t.stripe.customers.create({ email: 'b@example.com' }, { idempotencyKey: k }));
    expect(err).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(err.statusCode).toBe(400);
    expect(err.message).toMatch(/can only be used with the same parameters they were first used with/);
  });

  it.skipIf(skip)('makes one PaymentIntent from 50 concurrent identical requests with one key: the others are 409s or replays', async () => {
    const k = key();
    const results = await Promise.all(
      Array.from({ length: 50 }, () => raw(t.apiBase, 'POST', '/v1/payment_intents', { key: t.secretKey, form: { amount: '777', currency: 'usd', 'metadata[run]': k }, headers: { 'idempotency-key': k } })),
    );
    for (const r of results) {
      if (r.status === 409) expect(r.body.error.code).toBe('idempotency_key_in_use');
      else expect(r.status).toBe(200);
    }
    const created = results.filter((r) => r.status === 200);
    expect(new Set(created.map((r) => r.body.id)).size).toBe(1);
    expect(created.filter((r) => r.headers.get('idempotent-replayed') !== 'true')).toHaveLength(1);
    const all = await t.stripe.paymentIntents.list({ limit: 100 });
    expect(all.data.filter((p) => p.metadata.run === k)).toHaveLength(1);
  });
});

describe('Stripe idempotency — sandbox only', () => {
  let t: StripeTarget;
  beforeAll(async () => {
    t = await targets[0][1]();
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers 409 idempotency_key_in_use while the first request with the key is in progress, then replays it', async () => {
    const k = 'in-flight-key';
    const create = () => raw(t.apiBase, 'POST', '/v1/payment_intents', { key: t.secretKey, form: { amount: '778', currency: 'usd' }, headers: { 'idempotency-key': k } });
    await t.sandbox!.setFaults('stripe', { latencyMs: 1500 });
    let first: Awaited<ReturnType<typeof create>>;
    try {
      const pending = create();
      await new Promise((r) => setTimeout(r, 200));
      const meanwhile = await create();
      expect(meanwhile.status).toBe(409);
      expect(meanwhile.body.error).toMatchObject({ type: 'invalid_request_error', code: 'idempotency_key_in_use' });
      expect(meanwhile.body.error.message).toMatch(/another in-progress request using this Idempotent Key/);
      first = await pending;
    } finally {
      await t.sandbox!.setFaults('stripe', { latencyMs: 0 });
    }
    expect(first.status).toBe(200);
    const after = await create();
    expect(after.status).toBe(200);
    expect(after.body.id).toBe(first.body.id);
    expect(after.headers.get('idempotent-replayed')).toBe('true');
  });

  it('the official SDK retries a 409 by itself: concurrent calls with one key all get the one PaymentIntent', async () => {
    const stripe = new Stripe(t.secretKey, sdkOptions(t.apiBase, 2));
    await t.sandbox!.setFaults('stripe', { latencyMs: 200 });
    try {
      const intents = await Promise.all(Array.from({ length: 5 }, () => stripe.paymentIntents.create({ amount: 779, currency: 'usd' }, { idempotencyKey: 'sdk-key' })));
      expect(new Set(intents.map((pi) => pi.id)).size).toBe(1);
    } finally {
      await t.sandbox!.setFaults('stripe', { latencyMs: 0 });
    }
  });

  it('forgets keys after 24 hours of sandbox time', async () => {
    const k = 'expiring-key';
    const first = await t.stripe.customers.create({ email: 'x@example.com' }, { idempotencyKey: k });
    t.sandbox!.clock.advance(24 * 3_600_000 + 1000);
    const second = await t.stripe.customers.create({ email: 'x@example.com' }, { idempotencyKey: k });
    expect(second.id).not.toBe(first.id);
  });

  it('keeps keys per account and mode: the same key in live mode is a new request', async () => {
    const k = 'shared-key';
    const test = await raw(t.apiBase, 'POST', '/v1/customers', { key: t.secretKey, form: { email: 'm@example.com' }, headers: { 'idempotency-key': k } });
    const live = await raw(t.apiBase, 'POST', '/v1/customers', { key: t.liveSecretKey ?? t.secretKey.replace('sk_test_', 'sk_live_'), form: { email: 'm@example.com' }, headers: { 'idempotency-key': k } });
    expect(live.body.id).not.toBe(test.body.id);
    expect(live.body.livemode).toBe(true);
    expect(test.body.livemode).toBe(false);
  });

  it('refuses a key reused on another endpoint', async () => {
    const k = 'endpoint-key';
    await raw(t.apiBase, 'POST', '/v1/customers', { key: t.secretKey, form: {}, headers: { 'idempotency-key': k } });
    const other = await raw(t.apiBase, 'POST', '/v1/products', { key: t.secretKey, form: { name: 'P' }, headers: { 'idempotency-key': k } });
    expect(other.status).toBe(400);
    expect(other.body.error.type).toBe('idempotency_error');
  });
});
