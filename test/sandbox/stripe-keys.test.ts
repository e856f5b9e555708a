import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxTarget, sdkOptions, type StripeTarget } from './stripe-harness.js';

/** Issue 11, Low 11: as at Stripe, no sandbox key can be derived from another (the publishable key is public). */
describe('sandbox Stripe keys', () => {
  let t: StripeTarget;
  beforeAll(async () => {
    t = await sandboxTarget();
  });
  afterAll(() => t.close());

  it('are four independent random values, and a key derived from the publishable one reaches nothing of the account', async () => {
    const suffix = (key: string) => key.replace(/^(sk|pk)_(test|live)_/, '');
    expect(suffix(t.secretKey)).not.toBe(suffix(t.publishableKey!));
    expect(suffix(t.liveSecretKey!)).not.toBe(suffix(t.secretKey));

    const customer = await t.stripe.customers.create({ email: 'merchant-data@example.com' });
    const derived = new Stripe(t.publishableKey!.replace(/^pk_/, 'sk_'), sdkOptions(t.apiBase));
    expect((await derived.customers.list({ limit: 10 })).data.map((c) => c.id)).not.toContain(customer.id);
    const err = await derived.customers.retrieve(customer.id).catch((e: Stripe.errors.StripeError) => e);
    expect((err as Stripe.errors.StripeError).statusCode).toBe(404);
  });
});
