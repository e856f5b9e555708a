import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import Stripe from 'stripe';
import { raw, rejection, sandboxTarget, sdkOptions, type StripeTarget } from './stripe-harness.js';

describe('Stripe stand-in — faults, unknown routes and request ids', () => {
  let t: StripeTarget;
  beforeAll(async () => {
    t = await sandboxTarget();
  });
  afterEach(async () => {
    await t.sandbox!.setFaults('stripe', { outage: 'off', burst429: 0, errorRate: 0 });
  });
  afterAll(async () => {
    await t.close();
  });

  it('an outage answers 503 api_error with a Request-Id; the SDK raises StripeAPIError', async () => {
    await t.sandbox!.setFaults('stripe', { outage: '503' });
    const res = await raw(t.apiBase, 'GET', '/v1/customers', { key: t.secretKey });
    expect(res.status).toBe(503);
    expect(res.body.error.type).toBe('api_error');
    expect(res.headers.get('request-id')).toMatch(/^req_/);
    const err = await rejection(t.stripe.customers.list());
    expect(err).toBeInstanceOf(Stripe.errors.StripeAPIError);
  });

  it('a 429 burst is rate_limit with Stripe-Should-Retry, which the SDK retries', async () => {
    await t.sandbox!.setFaults('stripe', { burst429: 1 });
    const res = await raw(t.apiBase, 'GET', '/v1/customers', { key: t.secretKey });
    expect(res.status).toBe(429);
    expect(res.body.error.code).toBe('rate_limit');
    expect(res.headers.get('stripe-should-retry')).toBe('true');
    await t.sandbox!.setFaults('stripe', { burst429: 1 });
    const retrying = new Stripe(t.secretKey, sdkOptions(t.apiBase, 1));
    const list = await retrying.customers.list();
    expect(list.object).toBe('list');
  });

  it('an unknown route answers Stripe\'s "Unrecognized request URL" 404', async () => {
    const res = await raw(t.apiBase, 'GET', '/v1/nothing_here', { key: t.secretKey });
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(/^Unrecognized request URL \(GET: \/v1\/nothing_here\)/);
    expect(res.headers.get('request-id')).toMatch(/^req_/);
  });

  it('reset forgets everything', async () => {
    const c = await t.stripe.customers.create({ email: 'gone@example.com' });
    t.sandbox!.reset('stripe');
    const err = await rejection(t.stripe.customers.retrieve(c.id));
    expect(err.statusCode).toBe(404);
  });
});
