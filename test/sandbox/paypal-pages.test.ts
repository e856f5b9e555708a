import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { orderBody, PayPalClient, startPayPal, type PayPalUnderTest } from './paypal-harness.js';

let pp: PayPalUnderTest;
let merchant: PayPalClient;

beforeAll(async () => {
  pp = await startPayPal();
});
afterAll(async () => pp.close());
beforeEach(async () => {
  merchant = await PayPalClient.create(pp.base);
});

const decide = (token: string, decision: string, extra = '') =>
  fetch(`${pp.base}/checkoutnow/decision`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `token=${token}&buyer=buyer&decision=${decision}${extra}`,
    redirect: 'manual',
  });

describe('PayPal approval page', () => {
  const withUrls = { ...orderBody(), payment_source: { paypal: { experience_context: { return_url: 'https://shop.example/ok', cancel_url: 'https://shop.example/no' } } } };

  it('shows the amount; Approve redirects to return_url with token and PayerID', async () => {
    const order = (await merchant.call('POST', '/v2/checkout/orders', withUrls)).body;
    const link = order.links.find((l: { rel: string }) => l.rel === 'payer-action').href;
    const html = await (await fetch(link)).text();
    expect(html).toContain('Approve');
    expect(html).toContain('10.00 USD');
    const res = await decide(order.id, 'approve');
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(location.origin + location.pathname).toBe('https://shop.example/ok');
    expect(location.searchParams.get('token')).toBe(order.id);
    expect(location.searchParams.get('PayerID')).toMatch(/^[A-Z0-9]{13}$/);
    expect((await merchant.call('GET', `/v2/checkout/orders/${order.id}`)).body.status).toBe('APPROVED');
  });

  it('Cancel redirects to cancel_url and leaves the order unapproved', async () => {
    const order = (await merchant.call('POST', '/v2/checkout/orders', withUrls)).body;
    const res = await decide(order.id, 'cancel');
    expect(res.headers.get('location')).toBe(`https://shop.example/no?token=${order.id}`);
    expect((await merchant.call('GET', `/v2/checkout/orders/${order.id}`)).body.status).toBe('PAYER_ACTION_REQUIRED');
  });

  it('answers the JS SDK window with a page that posts the decision back', async () => {
    const order = await merchant.createOrder();
    const html = await (await decide(order.id, 'approve', '&sdk=1')).text();
    expect(html).toContain('postMessage');
    expect(html).toContain(order.id);
  });

  it('escapes what the merchant sent', async () => {
    const body = orderBody();
    (body.purchase_units[0] as Record<string, unknown>).description = '<script>alert(1)</script>';
    const order = (await merchant.call('POST', '/v2/checkout/orders', body)).body;
    const html = await (await fetch(`${pp.base}/checkoutnow?token=${order.id}`)).text();
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;');
  });
});

describe('PayPal JS SDK', () => {
  it('serves the SDK for a known client id and refuses an unknown one', async () => {
    const ok = await fetch(`${pp.base}/sdk/js?client-id=${merchant.clientId}&currency=EUR&intent=capture`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toContain('javascript');
    expect(await ok.text()).toContain('window.paypal');
    expect((await fetch(`${pp.base}/sdk/js?client-id=unknown`)).status).toBe(400);
    expect((await fetch(`${pp.base}/sdk/js?client-id=${merchant.clientId}&currency=XYZ`)).status).toBe(400);
  });
});

describe('PayPal faults', () => {
  it('answers 503 and 429 in PayPal’s error shape', async () => {
    pp.faults.outage = '503';
    const down = await merchant.call('GET', '/v1/notifications/webhooks');
    pp.faults.outage = 'off';
    expect(down.status).toBe(503);
    expect(down.body.name).toBe('SERVICE_UNAVAILABLE');
    pp.faults.burst429 = 1;
    const limited = await merchant.call('GET', '/v1/notifications/webhooks');
    expect(limited.status).toBe(429);
    expect(limited.body.name).toBe('RATE_LIMIT_REACHED');
    expect((await merchant.call('GET', '/v1/notifications/webhooks')).status).toBe(200);
  });
});
