import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import formbody from '@fastify/formbody';
import qs from 'qs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SandboxClock } from '../../src/sandbox/clock.js';
import { defaultFaults, faultHook } from '../../src/sandbox/faults.js';
import type { SandboxUrls, StandInHandle } from '../../src/sandbox/types.js';
import { paypalFaultBodies, paypalStandIn } from '../../src/sandbox/paypal/index.js';

/** The PayPal stand-in alone, wired the way the sandbox runner wires it. */
async function startPayPal() {
  const clock = new SandboxClock();
  const faults = defaultFaults();
  const urls = {} as SandboxUrls;
  const app = Fastify({ logger: false });
  await app.register(formbody, { parser: (body) => qs.parse(body) });
  app.addHook('onRequest', faultHook(faults, paypalFaultBodies));
  let handle: StandInHandle | void = undefined;
  await app.register(async (scope) => {
    handle = await paypalStandIn(scope, { clock, faults, urls, log: app.log });
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  urls.paypal = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return { app, clock, faults, base: urls.paypal, close: async () => { await (handle as StandInHandle | undefined)?.close?.(); await app.close(); } };
}

interface Received {
  headers: Record<string, string>;
  body: string;
}

/** A webhook receiver that fails its first `failures` deliveries. */
async function startReceiver() {
  const received: Received[] = [];
  const state = { failures: 0, attempts: 0 };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      state.attempts += 1;
      if (state.failures > 0) {
        state.failures -= 1;
        res.writeHead(500).end('receiver down');
        return;
      }
      received.push({ headers: req.headers as Record<string, string>, body });
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/webhooks/paypal/acct`;
  return { url, received, state, close: () => new Promise<void>((r) => server.close(() => r())) };
}

async function waitFor<T>(check: () => T | undefined, timeoutMs = 5000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}

let pp: Awaited<ReturnType<typeof startPayPal>>;
let creds: { clientId: string; clientSecret: string };
let token: string;

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${pp.base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

const orderBody = (value = '10.00', currency = 'USD') => ({
  intent: 'CAPTURE',
  purchase_units: [{ reference_id: 'pay_1', custom_id: 'acct:pay_1', invoice_id: `inv-${Math.random()}`, amount: { currency_code: currency, value } }],
});

async function createOrder(value = '10.00') {
  const res = await call('POST', '/v2/checkout/orders', orderBody(value));
  expect(res.status).toBe(201);
  return res.body as { id: string; status: string; links: { rel: string; href: string }[] };
}

const approve = (id: string, buyer?: string) => call('POST', `/__sandbox/paypal/orders/${id}/approve`, buyer ? { buyer } : {});

async function newApp() {
  const res = await fetch(`${pp.base}/__sandbox/paypal/apps`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  return (await res.json()) as { clientId: string; clientSecret: string };
}

async function getToken(id: string, secret: string) {
  return fetch(`${pp.base}/v1/oauth2/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  });
}

beforeAll(async () => {
  pp = await startPayPal();
});
afterAll(async () => pp.close());
beforeEach(async () => {
  creds = await newApp();
  token = ((await (await getToken(creds.clientId, creds.clientSecret)).json()) as { access_token: string }).access_token;
});

describe('PayPal OAuth', () => {
  it('issues a bearer token for an app created through the sandbox', async () => {
    const res = await getToken(creds.clientId, creds.clientSecret);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 32400, app_id: expect.stringMatching(/^APP-/) });
    expect(typeof body.access_token).toBe('string');
    expect(typeof body.scope).toBe('string');
    expect(typeof body.nonce).toBe('string');
  });

  it('refuses a wrong secret with invalid_client', async () => {
    const res = await getToken(creds.clientId, 'nope');
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: 'invalid_client', error_description: expect.any(String) });
  });

  it('expires tokens by the sandbox clock', async () => {
    expect((await call('GET', '/v1/notifications/webhooks')).status).toBe(200);
    pp.clock.advance(32_401_000);
    const res = await call('GET', '/v1/notifications/webhooks');
    expect(res.status).toBe(401);
    expect(res.body.name).toBe('AUTHENTICATION_FAILURE');
  });

  it('re-creates an app with credentials a product already stored', async () => {
    const again = await fetch(`${pp.base}/__sandbox/paypal/apps`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: 'stored-id', clientSecret: 'stored-secret' }),
    });
    expect(again.status).toBe(201);
    expect((await getToken('stored-id', 'stored-secret')).status).toBe(200);
  });
});

describe('PayPal Orders v2', () => {
  it('creates an order with an approve link and echoes its purchase unit', async () => {
    const res = await call('POST', '/v2/checkout/orders', orderBody('10.00'));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ intent: 'CAPTURE', status: 'CREATED' });
    expect(res.body.id).toMatch(/^[A-Z0-9]{17}$/);
    expect(res.body.purchase_units[0]).toMatchObject({ reference_id: 'pay_1', custom_id: 'acct:pay_1', amount: { currency_code: 'USD', value: '10.00' } });
    const approveLink = res.body.links.find((l: { rel: string }) => l.rel === 'approve');
    expect(approveLink.href).toBe(`${pp.base}/checkoutnow?token=${res.body.id}`);
    const got = await call('GET', `/v2/checkout/orders/${res.body.id}`);
    expect(got.body.id).toBe(res.body.id);
  });

  it('gives a payer-action link when payment_source.paypal is set', async () => {
    const body = { ...orderBody(), payment_source: { paypal: { experience_context: { return_url: 'https://shop.example/ok', cancel_url: 'https://shop.example/no' } } } };
    const res = await call('POST', '/v2/checkout/orders', body);
    expect(res.body.status).toBe('PAYER_ACTION_REQUIRED');
    expect(res.body.links.map((l: { rel: string }) => l.rel)).toContain('payer-action');
  });

  it('replays the same order for the same PayPal-Request-Id, and a new one after six hours', async () => {
    const headers = { 'paypal-request-id': 'req-123' };
    const first = await call('POST', '/v2/checkout/orders', orderBody(), headers);
    const second = await call('POST', '/v2/checkout/orders', orderBody(), headers);
    expect(second.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
    pp.clock.advance(6 * 3600 * 1000 + 1000);
    token = ((await (await getToken(creds.clientId, creds.clientSecret)).json()) as { access_token: string }).access_token;
    const third = await call('POST', '/v2/checkout/orders', orderBody(), headers);
    expect(third.body.id).not.toBe(first.body.id);
  });

  it('validates decimals per currency (JPY has none)', async () => {
    expect((await call('POST', '/v2/checkout/orders', orderBody('1000', 'JPY'))).status).toBe(201);
    const bad = await call('POST', '/v2/checkout/orders', orderBody('10.50', 'JPY'));
    expect(bad.status).toBe(422);
    expect(bad.body.details[0].issue).toBe('DECIMAL_PRECISION');
    const tooMany = await call('POST', '/v2/checkout/orders', orderBody('10.001'));
    expect(tooMany.body.details[0].issue).toBe('DECIMAL_PRECISION');
  });

  it('answers 400 INVALID_REQUEST for a missing amount and 404 for an unknown order', async () => {
    const bad = await call('POST', '/v2/checkout/orders', { intent: 'CAPTURE', purchase_units: [{}] });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ name: 'INVALID_REQUEST', debug_id: expect.any(String), details: [{ issue: 'MISSING_REQUIRED_PARAMETER' }] });
    const missing = await call('GET', '/v2/checkout/orders/NOSUCHORDER000000');
    expect(missing.status).toBe(404);
    expect(missing.body.name).toBe('RESOURCE_NOT_FOUND');
  });

  it('checks items against the breakdown', async () => {
    const unit = {
      amount: { currency_code: 'USD', value: '25.00', breakdown: { item_total: { currency_code: 'USD', value: '20.00' }, shipping: { currency_code: 'USD', value: '5.00' } } },
      items: [{ name: 'T-shirt', quantity: '2', unit_amount: { currency_code: 'USD', value: '10.00' } }],
    };
    expect((await call('POST', '/v2/checkout/orders', { intent: 'CAPTURE', purchase_units: [unit] })).status).toBe(201);
    const wrong = { ...unit, items: [{ name: 'T-shirt', quantity: '3', unit_amount: { currency_code: 'USD', value: '10.00' } }] };
    const res = await call('POST', '/v2/checkout/orders', { intent: 'CAPTURE', purchase_units: [wrong] });
    expect(res.status).toBe(422);
    expect(res.body.details[0].issue).toBe('ITEM_TOTAL_MISMATCH');
  });

  it('does not show one app its neighbour’s orders', async () => {
    const order = await createOrder();
    const other = await newApp();
    const otherToken = ((await (await getToken(other.clientId, other.clientSecret)).json()) as { access_token: string }).access_token;
    const res = await call('GET', `/v2/checkout/orders/${order.id}`, undefined, { authorization: `Bearer ${otherToken}` });
    expect(res.status).toBe(404);
  });
});

describe('PayPal capture', () => {
  it('refuses to capture before the buyer approves: 422 ORDER_NOT_APPROVED', async () => {
    const order = await createOrder();
    const res = await call('POST', `/v2/checkout/orders/${order.id}/capture`, {});
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ name: 'UNPROCESSABLE_ENTITY', details: [{ issue: 'ORDER_NOT_APPROVED' }], links: expect.any(Array) });
  });

  it('captures an approved order (COMPLETED), with an empty body, and only once', async () => {
    const order = await createOrder('12.34');
    const approved = await approve(order.id);
    expect(approved.body.status).toBe('APPROVED');
    const res = await fetch(`${pp.base}/v2/checkout/orders/${order.id}/capture`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.status).toBe('COMPLETED');
    const capture = body.purchase_units[0].payments.captures[0];
    expect(capture).toMatchObject({ status: 'COMPLETED', amount: { currency_code: 'USD', value: '12.34' }, custom_id: 'acct:pay_1', final_capture: true });
    expect(body.payer.payer_id).toBe(approved.body.payer_id);
    const again = await call('POST', `/v2/checkout/orders/${order.id}/capture`, {});
    expect(again.status).toBe(422);
    expect(again.body.details[0].issue).toBe('ORDER_ALREADY_CAPTURED');
    const read = await call('GET', `/v2/payments/captures/${capture.id}`);
    expect(read.body).toMatchObject({ id: capture.id, status: 'COMPLETED', supplementary_data: { related_ids: { order_id: order.id } } });
  });

  it('replays a capture for the same PayPal-Request-Id instead of failing', async () => {
    const order = await createOrder();
    await approve(order.id);
    const headers = { 'paypal-request-id': `cap-${order.id}` };
    const first = await call('POST', `/v2/checkout/orders/${order.id}/capture`, {}, headers);
    const second = await call('POST', `/v2/checkout/orders/${order.id}/capture`, {}, headers);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
  });

  it('declines at capture for the declining test buyer: 422 INSTRUMENT_DECLINED', async () => {
    const order = await createOrder();
    await approve(order.id, 'declined');
    const res = await call('POST', `/v2/checkout/orders/${order.id}/capture`, {});
    expect(res.status).toBe(422);
    expect(res.body.details[0].issue).toBe('INSTRUMENT_DECLINED');
    expect(res.body.links.some((l: { rel: string }) => l.rel === 'redirect')).toBe(true);
  });

  it('shows DECLINED and PENDING captures for those test buyers', async () => {
    const denied = await createOrder();
    await approve(denied.id, 'denied');
    const d = await call('POST', `/v2/checkout/orders/${denied.id}/capture`, {});
    expect(d.body.purchase_units[0].payments.captures[0].status).toBe('DECLINED');
    const pending = await createOrder();
    await approve(pending.id, 'pending');
    const p = await call('POST', `/v2/checkout/orders/${pending.id}/capture`, {});
    const capture = p.body.purchase_units[0].payments.captures[0];
    expect(capture).toMatchObject({ status: 'PENDING', status_details: { reason: 'PENDING_REVIEW' } });
    const settled = await call('POST', `/__sandbox/paypal/captures/${capture.id}/complete`, {});
    expect(settled.body.status).toBe('COMPLETED');
  });
});

describe('PayPal refunds', () => {
  it('refunds part, then the rest, then refuses more', async () => {
    const order = await createOrder('10.00');
    await approve(order.id);
    const captured = await call('POST', `/v2/checkout/orders/${order.id}/capture`, {});
    const captureId = captured.body.purchase_units[0].payments.captures[0].id;

    const partial = await call('POST', `/v2/payments/captures/${captureId}/refund`, { amount: { currency_code: 'USD', value: '3.00' } });
    expect(partial.status).toBe(201);
    expect(partial.body).toMatchObject({ status: 'COMPLETED', amount: { value: '3.00', currency_code: 'USD' } });
    expect((await call('GET', `/v2/payments/captures/${captureId}`)).body.status).toBe('PARTIALLY_REFUNDED');

    const tooMuch = await call('POST', `/v2/payments/captures/${captureId}/refund`, { amount: { currency_code: 'USD', value: '7.01' } });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.details[0].issue).toBe('REFUND_AMOUNT_EXCEEDED');

    const rest = await call('POST', `/v2/payments/captures/${captureId}/refund`, {});
    expect(rest.body.amount.value).toBe('7.00');
    expect(rest.body.seller_payable_breakdown.total_refunded_amount.value).toBe('10.00');
    expect((await call('GET', `/v2/payments/refunds/${rest.body.id}`)).body.id).toBe(rest.body.id);
    expect((await call('GET', `/v2/payments/captures/${captureId}`)).body.status).toBe('REFUNDED');

    const more = await call('POST', `/v2/payments/captures/${captureId}/refund`, {});
    expect(more.body.details[0].issue).toBe('CAPTURE_FULLY_REFUNDED');
  });
});

describe('PayPal webhooks', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeEach(async () => {
    receiver = await startReceiver();
    pp.faults.webhooksPaused = false;
  });
  afterAll(async () => receiver?.close());

  async function register(types = ['*']) {
    const res = await call('POST', '/v1/notifications/webhooks', { url: receiver.url, event_types: types.map((name) => ({ name })) });
    expect(res.status).toBe(201);
    return res.body as { id: string };
  }

  async function paidOrder() {
    const order = await createOrder();
    await approve(order.id);
    await call('POST', `/v2/checkout/orders/${order.id}/capture`, {});
    return order;
  }

  const verifyBody = (d: Received, webhookId: string, body = d.body) => ({
    auth_algo: d.headers['paypal-auth-algo'],
    cert_url: d.headers['paypal-cert-url'],
    transmission_id: d.headers['paypal-transmission-id'],
    transmission_sig: d.headers['paypal-transmission-sig'],
    transmission_time: d.headers['paypal-transmission-time'],
    webhook_id: webhookId,
    webhook_event: JSON.parse(body),
  });

  it('registers, lists and deletes webhooks', async () => {
    const hook = await register(['PAYMENT.CAPTURE.COMPLETED']);
    const list = await call('GET', '/v1/notifications/webhooks');
    expect(list.body.webhooks).toHaveLength(1);
    expect(list.body.webhooks[0].event_types[0]).toMatchObject({ name: 'PAYMENT.CAPTURE.COMPLETED' });
    const dup = await call('POST', '/v1/notifications/webhooks', { url: receiver.url, event_types: [{ name: '*' }] });
    expect(dup.body.name).toBe('WEBHOOK_URL_ALREADY_EXISTS');
    expect((await call('DELETE', `/v1/notifications/webhooks/${hook.id}`)).status).toBe(204);
    expect((await call('GET', '/v1/notifications/webhooks')).body.webhooks).toHaveLength(0);
  });

  it('delivers approval and capture events with transmission headers that verify, and a tampered body fails', async () => {
    const hook = await register();
    await paidOrder();
    const capture = await waitFor(() => receiver.received.find((r) => JSON.parse(r.body).event_type === 'PAYMENT.CAPTURE.COMPLETED'));
    expect(receiver.received.some((r) => JSON.parse(r.body).event_type === 'CHECKOUT.ORDER.APPROVED')).toBe(true);
    for (const h of ['paypal-auth-algo', 'paypal-cert-url', 'paypal-transmission-id', 'paypal-transmission-sig', 'paypal-transmission-time']) {
      expect(capture.headers[h]).toBeTruthy();
    }
    const event = JSON.parse(capture.body);
    expect(event).toMatchObject({ resource_type: 'capture', resource: { status: 'COMPLETED', custom_id: 'acct:pay_1' } });

    const ok = await call('POST', '/v1/notifications/verify-webhook-signature', verifyBody(capture, hook.id));
    expect(ok.body).toEqual({ verification_status: 'SUCCESS' });

    const tampered = JSON.parse(capture.body);
    tampered.resource.amount.value = '0.01';
    const bad = await call('POST', '/v1/notifications/verify-webhook-signature', verifyBody(capture, hook.id, JSON.stringify(tampered)));
    expect(bad.body).toEqual({ verification_status: 'FAILURE' });

    const wrongHook = await call('POST', '/v1/notifications/verify-webhook-signature', verifyBody(capture, 'WRONGWEBHOOKID0000'));
    expect(wrongHook.body).toEqual({ verification_status: 'FAILURE' });
  });

  it('sends a refund event', async () => {
    await register(['PAYMENT.CAPTURE.REFUNDED']);
    const order = await paidOrder();
    const read = await call('GET', `/v2/checkout/orders/${order.id}`);
    await call('POST', `/v2/payments/captures/${read.body.purchase_units[0].payments.captures[0].id}/refund`, {});
    const refund = await waitFor(() => receiver.received.find((r) => JSON.parse(r.body).event_type === 'PAYMENT.CAPTURE.REFUNDED'));
    expect(JSON.parse(refund.body).resource.status).toBe('COMPLETED');
    expect(receiver.received).toHaveLength(1);
  });

  it('retries when the receiver fails, and the retried delivery still verifies', async () => {
    const hook = await register(['PAYMENT.CAPTURE.COMPLETED']);
    receiver.state.failures = 2;
    await paidOrder();
    const delivered = await waitFor(() => receiver.received[0]);
    expect(receiver.state.attempts).toBe(3);
    const ok = await call('POST', '/v1/notifications/verify-webhook-signature', verifyBody(delivered, hook.id));
    expect(ok.body.verification_status).toBe('SUCCESS');
    const log = await (await fetch(`${pp.base}/__sandbox/paypal/webhook-deliveries`)).json();
    expect(log.deliveries.find((d: { transmissionId: string }) => d.transmissionId === delivered.headers['paypal-transmission-id'])).toMatchObject({ status: 'delivered', attempts: 3 });
  });

  it('holds deliveries while webhooks are paused and sends them once resumed', async () => {
    await register(['PAYMENT.CAPTURE.COMPLETED']);
    pp.faults.webhooksPaused = true;
    await paidOrder();
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.received).toHaveLength(0);
    pp.faults.webhooksPaused = false;
    await waitFor(() => receiver.received[0]);
  });
});

describe('PayPal approval page and JS SDK', () => {
  it('serves an approval page whose Approve redirects to return_url with token and PayerID', async () => {
    const body = { ...orderBody(), payment_source: { paypal: { experience_context: { return_url: 'https://shop.example/ok', cancel_url: 'https://shop.example/no' } } } };
    const order = (await call('POST', '/v2/checkout/orders', body)).body;
    const link = order.links.find((l: { rel: string }) => l.rel === 'payer-action').href;
    const html = await (await fetch(link)).text();
    expect(html).toContain('Approve');
    expect(html).toContain('10.00 USD');
    const res = await fetch(`${pp.base}/checkoutnow/decision`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `token=${order.id}&buyer=buyer&decision=approve`,
      redirect: 'manual',
    });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(location.origin + location.pathname).toBe('https://shop.example/ok');
    expect(location.searchParams.get('token')).toBe(order.id);
    expect(location.searchParams.get('PayerID')).toMatch(/^[A-Z0-9]{13}$/);
    expect((await call('GET', `/v2/checkout/orders/${order.id}`)).body.status).toBe('APPROVED');
  });

  it('serves the JS SDK for a known client id and refuses an unknown one', async () => {
    const ok = await fetch(`${pp.base}/sdk/js?client-id=${creds.clientId}&currency=EUR&intent=capture`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toContain('javascript');
    expect(await ok.text()).toContain('window.paypal');
    const bad = await fetch(`${pp.base}/sdk/js?client-id=unknown`);
    expect(bad.status).toBe(400);
  });
});

describe('PayPal faults', () => {
  it('answers 503 and 429 in PayPal’s error shape', async () => {
    pp.faults.outage = '503';
    const down = await call('GET', '/v1/notifications/webhooks');
    pp.faults.outage = 'off';
    expect(down.status).toBe(503);
    expect(down.body.name).toBe('SERVICE_UNAVAILABLE');
    pp.faults.burst429 = 1;
    const limited = await call('GET', '/v1/notifications/webhooks');
    expect(limited.status).toBe(429);
    expect(limited.body.name).toBe('RATE_LIMIT_REACHED');
    expect((await call('GET', '/v1/notifications/webhooks')).status).toBe(200);
  });
});

