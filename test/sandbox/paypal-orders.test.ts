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

describe('PayPal OAuth', () => {
  it('issues a bearer token for an app created through the sandbox', async () => {
    const res = await merchant.requestToken();
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 32400, app_id: expect.stringMatching(/^APP-/) });
    expect(typeof body.access_token).toBe('string');
    expect(typeof body.scope).toBe('string');
    expect(typeof body.nonce).toBe('string');
  });

  it('refuses a wrong secret with invalid_client', async () => {
    const res = await merchant.requestToken('nope');
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: 'invalid_client', error_description: expect.any(String) });
  });

  it('expires tokens by the sandbox clock', async () => {
    expect((await merchant.call('GET', '/v1/notifications/webhooks')).status).toBe(200);
    pp.clock.advance(32_401_000);
    const res = await merchant.call('GET', '/v1/notifications/webhooks');
    expect(res.status).toBe(401);
    expect(res.body.name).toBe('AUTHENTICATION_FAILURE');
  });

  it('re-creates an app with credentials a product already stored', async () => {
    const create = () =>
      fetch(`${pp.base}/__sandbox/paypal/apps`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ clientId: 'stored-id', clientSecret: 'stored-secret' }),
      });
    expect((await create()).status).toBe(201);
    expect((await create()).status).toBe(200);
    expect((await new PayPalClient(pp.base, 'stored-id', 'stored-secret').requestToken()).status).toBe(200);
  });
});

describe('PayPal Orders v2', () => {
  it('creates an order with an approve link and echoes its purchase unit', async () => {
    const res = await merchant.call('POST', '/v2/checkout/orders', orderBody('10.00'));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ intent: 'CAPTURE', status: 'CREATED' });
    expect(res.body.id).toMatch(/^[A-Z0-9]{17}$/);
    expect(res.body.purchase_units[0]).toMatchObject({ reference_id: 'pay_1', custom_id: 'acct:pay_1', amount: { currency_code: 'USD', value: '10.00' } });
    const approveLink = res.body.links.find((l: { rel: string }) => l.rel === 'approve');
    expect(approveLink.href).toBe(`${pp.base}/checkoutnow?token=${res.body.id}`);
    expect((await merchant.call('GET', `/v2/checkout/orders/${res.body.id}`)).body.id).toBe(res.body.id);
  });

  it('gives a payer-action link when payment_source.paypal is set', async () => {
    const body = { ...orderBody(), payment_source: { paypal: { experience_context: { return_url: 'https://shop.example/ok', cancel_url: 'https://shop.example/no' } } } };
    const res = await merchant.call('POST', '/v2/checkout/orders', body);
    expect(res.body.status).toBe('PAYER_ACTION_REQUIRED');
    expect(res.body.links.map((l: { rel: string }) => l.rel)).toContain('payer-action');
  });

  it('replays the same order for the same PayPal-Request-Id, and makes a new one after six hours', async () => {
    const headers = { 'paypal-request-id': 'req-123' };
    const first = await merchant.call('POST', '/v2/checkout/orders', orderBody(), headers);
    const second = await merchant.call('POST', '/v2/checkout/orders', orderBody(), headers);
    expect(second.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
    pp.clock.advance(6 * 3600 * 1000 + 1000);
    const third = await merchant.call('POST', '/v2/checkout/orders', orderBody(), headers);
    expect(third.body.id).not.toBe(first.body.id);
  });

  it('validates decimals per currency (JPY has none)', async () => {
    expect((await merchant.call('POST', '/v2/checkout/orders', orderBody('1000', 'JPY'))).status).toBe(201);
    const bad = await merchant.call('POST', '/v2/checkout/orders', orderBody('10.50', 'JPY'));
    expect(bad.status).toBe(422);
    expect(bad.body.details[0].issue).toBe('DECIMAL_PRECISION');
    expect((await merchant.call('POST', '/v2/checkout/orders', orderBody('10.001'))).body.details[0].issue).toBe('DECIMAL_PRECISION');
  });

  it('answers 400 INVALID_REQUEST for a missing amount and 404 for an unknown order', async () => {
    const bad = await merchant.call('POST', '/v2/checkout/orders', { intent: 'CAPTURE', purchase_units: [{}] });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ name: 'INVALID_REQUEST', debug_id: expect.any(String), details: [{ issue: 'MISSING_REQUIRED_PARAMETER' }] });
    const missing = await merchant.call('GET', '/v2/checkout/orders/NOSUCHORDER000000');
    expect(missing.status).toBe(404);
    expect(missing.body.name).toBe('RESOURCE_NOT_FOUND');
  });

  it('checks items against the breakdown', async () => {
    const unit = {
      amount: { currency_code: 'USD', value: '25.00', breakdown: { item_total: { currency_code: 'USD', value: '20.00' }, shipping: { currency_code: 'USD', value: '5.00' } } },
      items: [{ name: 'T-shirt', quantity: '2', unit_amount: { currency_code: 'USD', value: '10.00' } }],
    };
    expect((await merchant.call('POST', '/v2/checkout/orders', { intent: 'CAPTURE', purchase_units: [unit] })).status).toBe(201);
    const wrong = { ...unit, items: [{ name: 'T-shirt', quantity: '3', unit_amount: { currency_code: 'USD', value: '10.00' } }] };
    const res = await merchant.call('POST', '/v2/checkout/orders', { intent: 'CAPTURE', purchase_units: [wrong] });
    expect(res.status).toBe(422);
    expect(res.body.details[0].issue).toBe('ITEM_TOTAL_MISMATCH');
  });

  it('updates an uncaptured order with JSON Patch (204) and validates the result', async () => {
    const order = await merchant.createOrder('10.00');
    const path = "/purchase_units/@reference_id=='pay_1'";
    const ok = await merchant.call('PATCH', `/v2/checkout/orders/${order.id}`, [
      { op: 'replace', path: `${path}/amount`, value: { currency_code: 'USD', value: '15.00' } },
      { op: 'add', path: `${path}/description`, value: 'Two tickets' },
    ]);
    expect(ok.status).toBe(204);
    const read = await merchant.call('GET', `/v2/checkout/orders/${order.id}`);
    expect(read.body.purchase_units[0]).toMatchObject({ amount: { value: '15.00' }, description: 'Two tickets' });
    const bad = await merchant.call('PATCH', `/v2/checkout/orders/${order.id}`, [{ op: 'replace', path: `${path}/amount`, value: { currency_code: 'USD', value: '1.234' } }]);
    expect(bad.body.details[0].issue).toBe('DECIMAL_PRECISION');
    await merchant.approve(order.id);
    await merchant.call('POST', `/v2/checkout/orders/${order.id}/capture`, {});
    const late = await merchant.call('PATCH', `/v2/checkout/orders/${order.id}`, [{ op: 'remove', path: `${path}/description` }]);
    expect(late.body.details[0].issue).toBe('ORDER_COMPLETED_OR_VOIDED');
  });

  it('does not show one app its neighbour’s orders', async () => {
    const order = await merchant.createOrder();
    const other = await PayPalClient.create(pp.base);
    expect((await other.call('GET', `/v2/checkout/orders/${order.id}`)).status).toBe(404);
  });
});

describe('PayPal capture', () => {
  it('refuses to capture before the buyer approves: 422 ORDER_NOT_APPROVED', async () => {
    const order = await merchant.createOrder();
    const res = await merchant.call('POST', `/v2/checkout/orders/${order.id}/capture`, {});
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ name: 'UNPROCESSABLE_ENTITY', details: [{ issue: 'ORDER_NOT_APPROVED' }], links: expect.any(Array) });
  });

  it('captures an approved order (COMPLETED), with an empty body, and only once', async () => {
    const order = await merchant.createOrder('12.34');
    const approved = await merchant.approve(order.id);
    expect(approved.body.status).toBe('APPROVED');
    const res = await fetch(`${pp.base}/v2/checkout/orders/${order.id}/capture`, {
      method: 'POST',
      headers: { authorization: `Bearer ${merchant.token}`, 'content-type': 'application/json' },
    });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.status).toBe('COMPLETED');
    const capture = body.purchase_units[0].payments.captures[0];
    expect(capture).toMatchObject({ status: 'COMPLETED', amount: { currency_code: 'USD', value: '12.34' }, custom_id: 'acct:pay_1', final_capture: true });
    expect(body.payer.payer_id).toBe(approved.body.payer_id);
    const again = await merchant.call('POST', `/v2/checkout/orders/${order.id}/capture`, {});
    expect(again.status).toBe(422);
    expect(again.body.details[0].issue).toBe('ORDER_ALREADY_CAPTURED');
    const read = await merchant.call('GET', `/v2/payments/captures/${capture.id}`);
    expect(read.body).toMatchObject({ id: capture.id, status: 'COMPLETED', supplementary_data: { related_ids: { order_id: order.id } } });
  });

  it('replays a capture for the same PayPal-Request-Id instead of failing', async () => {
    const order = await merchant.createOrder();
    await merchant.approve(order.id);
    const headers = { 'paypal-request-id': `cap-${order.id}` };
    const first = await merchant.call('POST', `/v2/checkout/orders/${order.id}/capture`, {}, headers);
    const second = await merchant.call('POST', `/v2/checkout/orders/${order.id}/capture`, {}, headers);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
  });

  it('declines at capture for the declining test buyer: 422 INSTRUMENT_DECLINED, and another buyer can approve again', async () => {
    const order = await merchant.createOrder();
    await merchant.approve(order.id, 'declined');
    const res = await merchant.call('POST', `/v2/checkout/orders/${order.id}/capture`, {});
    expect(res.status).toBe(422);
    expect(res.body.details[0].issue).toBe('INSTRUMENT_DECLINED');
    expect(res.body.links.some((l: { rel: string }) => l.rel === 'redirect')).toBe(true);
    await merchant.approve(order.id, 'buyer');
    expect((await merchant.call('POST', `/v2/checkout/orders/${order.id}/capture`, {})).status).toBe(201);
  });

  it('shows DECLINED and PENDING captures for those test buyers', async () => {
    const denied = await merchant.createOrder();
    await merchant.approve(denied.id, 'denied');
    const d = await merchant.call('POST', `/v2/checkout/orders/${denied.id}/capture`, {});
    expect(d.body.purchase_units[0].payments.captures[0].status).toBe('DECLINED');
    const pending = await merchant.createOrder();
    await merchant.approve(pending.id, 'pending');
    const p = await merchant.call('POST', `/v2/checkout/orders/${pending.id}/capture`, {});
    const capture = p.body.purchase_units[0].payments.captures[0];
    expect(capture).toMatchObject({ status: 'PENDING', status_details: { reason: 'PENDING_REVIEW' } });
    const settled = await merchant.call('POST', `/__sandbox/paypal/captures/${capture.id}/complete`, {});
    expect(settled.body.status).toBe('COMPLETED');
  });
});

describe('PayPal refunds', () => {
  it('refunds part, then the rest, then refuses more', async () => {
    const { captureId } = await merchant.paidOrder('10.00');
    const partial = await merchant.call('POST', `/v2/payments/captures/${captureId}/refund`, { amount: { currency_code: 'USD', value: '3.00' } });
    expect(partial.status).toBe(201);
    expect(partial.body).toMatchObject({ status: 'COMPLETED', amount: { value: '3.00', currency_code: 'USD' } });
    expect((await merchant.call('GET', `/v2/payments/captures/${captureId}`)).body.status).toBe('PARTIALLY_REFUNDED');

    const tooMuch = await merchant.call('POST', `/v2/payments/captures/${captureId}/refund`, { amount: { currency_code: 'USD', value: '7.01' } });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.details[0].issue).toBe('REFUND_AMOUNT_EXCEEDED');

    const rest = await merchant.call('POST', `/v2/payments/captures/${captureId}/refund`, {});
    expect(rest.body.amount.value).toBe('7.00');
    expect(rest.body.seller_payable_breakdown.total_refunded_amount.value).toBe('10.00');
    expect((await merchant.call('GET', `/v2/payments/refunds/${rest.body.id}`)).body.id).toBe(rest.body.id);
    expect((await merchant.call('GET', `/v2/payments/captures/${captureId}`)).body.status).toBe('REFUNDED');

    const more = await merchant.call('POST', `/v2/payments/captures/${captureId}/refund`, {});
    expect(more.body.details[0].issue).toBe('CAPTURE_FULLY_REFUNDED');
  });
});
