import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PayPalClient, startPayPal, startReceiver, waitFor, type PayPalUnderTest, type Received } from './paypal-harness.js';

let pp: PayPalUnderTest;
let merchant: PayPalClient;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  pp = await startPayPal();
});
afterAll(async () => pp.close());
beforeEach(async () => {
  merchant = await PayPalClient.create(pp.base);
  receiver = await startReceiver();
  pp.faults.webhooksPaused = false;
});
afterEach(async () => receiver.close());

async function register(types = ['*']) {
  const res = await merchant.call('POST', '/v1/notifications/webhooks', { url: receiver.url, event_types: types.map((name) => ({ name })) });
  expect(res.status).toBe(201);
  return res.body as { id: string };
}

const typeOf = (r: Received) => (JSON.parse(r.body) as { event_type: string }).event_type;

/** What the product's webhook route sends to PayPal to check a delivery it received. */
const verifyBody = (d: Received, webhookId: string, body = d.body) => ({
  auth_algo: d.headers['paypal-auth-algo'],
  cert_url: d.headers['paypal-cert-url'],
  transmission_id: d.headers['paypal-transmission-id'],
  transmission_sig: d.headers['paypal-transmission-sig'],
  transmission_time: d.headers['paypal-transmission-time'],
  webhook_id: webhookId,
  webhook_event: JSON.parse(body),
});

describe('PayPal webhooks', () => {
  it('registers, lists and deletes webhooks', async () => {
    const hook = await register(['PAYMENT.CAPTURE.COMPLETED']);
    const list = await merchant.call('GET', '/v1/notifications/webhooks');
    expect(list.body.webhooks).toHaveLength(1);
    expect(list.body.webhooks[0].event_types[0]).toMatchObject({ name: 'PAYMENT.CAPTURE.COMPLETED' });
    const dup = await merchant.call('POST', '/v1/notifications/webhooks', { url: receiver.url, event_types: [{ name: '*' }] });
    expect(dup.body.name).toBe('WEBHOOK_URL_ALREADY_EXISTS');
    expect((await merchant.call('DELETE', `/v1/notifications/webhooks/${hook.id}`)).status).toBe(204);
    expect((await merchant.call('GET', '/v1/notifications/webhooks')).body.webhooks).toHaveLength(0);
  });

  it('delivers approval and capture events whose transmission headers verify; a tampered body or another webhook id fails', async () => {
    const hook = await register();
    await merchant.paidOrder();
    const capture = await waitFor(() => receiver.received.find((r) => typeOf(r) === 'PAYMENT.CAPTURE.COMPLETED'));
    expect(receiver.received.some((r) => typeOf(r) === 'CHECKOUT.ORDER.APPROVED')).toBe(true);
    for (const h of ['paypal-auth-algo', 'paypal-cert-url', 'paypal-transmission-id', 'paypal-transmission-sig', 'paypal-transmission-time']) {
      expect(capture.headers[h]).toBeTruthy();
    }
    expect(JSON.parse(capture.body)).toMatchObject({ resource_type: 'capture', resource: { status: 'COMPLETED', custom_id: 'acct:pay_1' } });

    const ok = await merchant.call('POST', '/v1/notifications/verify-webhook-signature', verifyBody(capture, hook.id));
    expect(ok.body).toEqual({ verification_status: 'SUCCESS' });

    const tampered = JSON.parse(capture.body);
    tampered.resource.amount.value = '0.01';
    const bad = await merchant.call('POST', '/v1/notifications/verify-webhook-signature', verifyBody(capture, hook.id, JSON.stringify(tampered)));
    expect(bad.body).toEqual({ verification_status: 'FAILURE' });

    const wrongHook = await merchant.call('POST', '/v1/notifications/verify-webhook-signature', verifyBody(capture, 'WRONGWEBHOOKID0000'));
    expect(wrongHook.body).toEqual({ verification_status: 'FAILURE' });
  });

  it('does not verify a delivery for another app', async () => {
    const hook = await register(['PAYMENT.CAPTURE.COMPLETED']);
    await merchant.paidOrder();
    const delivered = await waitFor(() => receiver.received[0]);
    const other = await PayPalClient.create(pp.base);
    const res = await other.call('POST', '/v1/notifications/verify-webhook-signature', verifyBody(delivered, hook.id));
    expect(res.body.verification_status).toBe('FAILURE');
  });

  it('sends a refund event', async () => {
    await register(['PAYMENT.CAPTURE.REFUNDED']);
    const { captureId } = await merchant.paidOrder();
    await merchant.call('POST', `/v2/payments/captures/${captureId}/refund`, {});
    const refund = await waitFor(() => receiver.received.find((r) => typeOf(r) === 'PAYMENT.CAPTURE.REFUNDED'));
    expect(JSON.parse(refund.body).resource.status).toBe('COMPLETED');
    expect(receiver.received).toHaveLength(1);
  });

  it('retries when the receiver fails, and the retried delivery still verifies', async () => {
    const hook = await register(['PAYMENT.CAPTURE.COMPLETED']);
    receiver.state.failures = 2;
    await merchant.paidOrder();
    const delivered = await waitFor(() => receiver.received[0]);
    expect(receiver.state.attempts).toBe(3);
    const ok = await merchant.call('POST', '/v1/notifications/verify-webhook-signature', verifyBody(delivered, hook.id));
    expect(ok.body.verification_status).toBe('SUCCESS');
    const log = await (await fetch(`${pp.base}/__sandbox/paypal/webhook-deliveries`)).json();
    const entry = log.deliveries.find((d: { transmissionId: string }) => d.transmissionId === delivered.headers['paypal-transmission-id']);
    expect(entry).toMatchObject({ status: 'delivered', attempts: 3 });
  });

  it('holds deliveries while webhooks are paused and sends them once resumed', async () => {
    await register(['PAYMENT.CAPTURE.COMPLETED']);
    pp.faults.webhooksPaused = true;
    await merchant.paidOrder();
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.received).toHaveLength(0);
    pp.faults.webhooksPaused = false;
    await waitFor(() => receiver.received[0]);
  });

  it('makes a pending retry due at once when the sandbox clock advances', async () => {
    await register(['PAYMENT.CAPTURE.COMPLETED']);
    receiver.state.failures = 6; // 0.25 + 0.5 + 1 + 2 + 4 + 8 s of backoff in real time
    await merchant.paidOrder();
    await waitFor(() => (receiver.state.attempts >= 1 ? true : undefined));
    for (let i = 0; i < 8 && receiver.received.length === 0; i++) {
      pp.clock.advance(60_000);
      await new Promise((r) => setTimeout(r, 50));
    }
    await waitFor(() => receiver.received[0], 1000);
    expect(receiver.state.attempts).toBe(7);
  });
});
