import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import Stripe from 'stripe';
import { rejection, sandboxTarget, waitFor, webhookReceiver, type StripeTarget } from './stripe-harness.js';

interface DeliveryView {
  eventId: string;
  eventType: string;
  state: string;
  attempts: Array<{ status: number | null; error: string | null }>;
}

describe('Stripe stand-in — events and signed webhooks', () => {
  let t: StripeTarget;
  const closers: Array<() => Promise<void>> = [];
  beforeAll(async () => {
    t = await sandboxTarget();
  });
  afterEach(async () => {
    for (const c of closers.splice(0)) await c();
    for (const we of (await t.stripe.webhookEndpoints.list()).data) await t.stripe.webhookEndpoints.del(we.id);
    await t.sandbox!.setFaults('stripe', { webhooksPaused: false });
  });
  afterAll(async () => {
    await t.close();
  });

  async function deliveries(): Promise<DeliveryView[]> {
    const res = await fetch(`${t.apiBase}/__sandbox/stripe/webhook_deliveries`, { headers: { authorization: `Bearer ${t.secretKey}` } });
    return ((await res.json()) as { data: DeliveryView[] }).data;
  }

  async function pay() {
    return t.stripe.paymentIntents.create({ amount: 1000, currency: 'usd', payment_method: 'pm_card_visa', confirm: true, automatic_payment_methods: { enabled: true, allow_redirects: 'never' } });
  }

  it('shows the signing secret only at creation; lists, retrieves and deletes endpoints', async () => {
    const we = await t.stripe.webhookEndpoints.create({ url: 'http://127.0.0.1:9/hook', enabled_events: ['payment_intent.succeeded'] });
    expect(we.id).toMatch(/^we_/);
    expect(we.secret).toMatch(/^whsec_/);
    expect(we.status).toBe('enabled');
    const got = await t.stripe.webhookEndpoints.retrieve(we.id);
    expect(got.secret).toBeUndefined();
    expect((await t.stripe.webhookEndpoints.list()).data.map((w) => w.id)).toContain(we.id);
    const deleted = await t.stripe.webhookEndpoints.del(we.id);
    expect(deleted).toMatchObject({ id: we.id, deleted: true });
    const err = await rejection(t.stripe.webhookEndpoints.retrieve(we.id));
    expect(err.statusCode).toBe(404);
  });

  it('delivers matching events signed so that stripe.webhooks.constructEvent accepts them', async () => {
    const receiver = await webhookReceiver();
    closers.push(receiver.close);
    const we = await t.stripe.webhookEndpoints.create({ url: receiver.url, enabled_events: ['payment_intent.succeeded', 'charge.succeeded'] });
    const pi = await pay();
    await waitFor(() => receiver.received.length >= 2);
    const types = [];
    for (const r of receiver.received) {
      const event = t.stripe.webhooks.constructEvent(r.body, r.headers['stripe-signature'] as string, we.secret!);
      types.push(event.type);
      if (event.type === 'payment_intent.succeeded') {
        expect((event.data.object as Stripe.PaymentIntent).id).toBe(pi.id);
        expect(event.api_version).toBeTruthy();
        expect(event.request?.idempotency_key).toMatch(/^stripe-node-retry-/);
      }
    }
    expect(types.sort()).toEqual(['charge.succeeded', 'payment_intent.succeeded']);
    expect(() => t.stripe.webhooks.constructEvent(receiver.received[0].body, receiver.received[0].headers['stripe-signature'] as string, 'whsec_wrong')).toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    );
  });

  it('lists and retrieves events at /v1/events, filtered by type', async () => {
    const pi = await pay();
    const events = await t.stripe.events.list({ type: 'payment_intent.succeeded', limit: 5 });
    const mine = events.data.find((e) => (e.data.object as Stripe.PaymentIntent).id === pi.id);
    expect(mine?.id).toMatch(/^evt_/);
    const again = await t.stripe.events.retrieve(mine!.id);
    expect(again.type).toBe('payment_intent.succeeded');
    const wildcard = await t.stripe.events.list({ type: 'charge.*', limit: 100 });
    expect(wildcard.data.every((e) => e.type.startsWith('charge.'))).toBe(true);
  });

  it('retries with backoff after the receiver fails, until it answers 2xx', async () => {
    const receiver = await webhookReceiver((n) => (n < 3 ? 500 : 200));
    closers.push(receiver.close);
    const we = await t.stripe.webhookEndpoints.create({ url: receiver.url, enabled_events: ['payment_intent.created'] });
    await t.stripe.paymentIntents.create({ amount: 1000, currency: 'usd' });
    await waitFor(() => receiver.received.length >= 3, 15_000);
    const d = await waitFor(async () => (await deliveries()).find((x) => x.eventType === 'payment_intent.created' && x.state === 'succeeded'));
    expect(d.attempts.map((a) => a.status)).toEqual([500, 500, 200]);
    const bodies = new Set(receiver.received.map((r) => JSON.parse(r.body).id));
    expect(bodies.size).toBe(1);
    t.stripe.webhooks.constructEvent(receiver.received[2].body, receiver.received[2].headers['stripe-signature'] as string, we.secret!);
  });

  it('retries when the receiver is unreachable, and advancing the sandbox clock makes a retry due', async () => {
    const receiver = await webhookReceiver();
    const url = receiver.url;
    await receiver.close();
    await t.stripe.webhookEndpoints.create({ url, enabled_events: ['customer.created'] });
    await t.stripe.customers.create({ email: 'down@example.com' });
    const failed = await waitFor(async () => (await deliveries()).find((x) => x.eventType === 'customer.created' && x.attempts.length >= 1));
    expect(failed.attempts[0].status).toBeNull();
    expect(failed.attempts[0].error).toMatch(/ECONNREFUSED|fetch failed/);
    const before = failed.attempts.length;
    t.sandbox!.clock.advance(2 * 3_600_000);
    await waitFor(async () => ((await deliveries()).find((x) => x.eventId === failed.eventId)?.attempts.length ?? 0) > before, 2000);
    // After three days of sandbox time Stripe gives up.
    t.sandbox!.clock.advance(3 * 24 * 3_600_000);
    await waitFor(async () => (await deliveries()).find((x) => x.eventId === failed.eventId)?.state === 'failed', 5000);
  });

  it('holds deliveries while webhooks are paused and delivers them once resumed', async () => {
    const receiver = await webhookReceiver();
    closers.push(receiver.close);
    await t.stripe.webhookEndpoints.create({ url: receiver.url, enabled_events: ['*'] });
    await t.sandbox!.setFaults('stripe', { webhooksPaused: true });
    await t.stripe.customers.create({ email: 'paused@example.com' });
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.received).toHaveLength(0);
    await t.sandbox!.setFaults('stripe', { webhooksPaused: false });
    await waitFor(() => receiver.received.length >= 1);
    expect(JSON.parse(receiver.received[0].body).type).toBe('customer.created');
  });
});
