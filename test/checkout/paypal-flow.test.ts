import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reconcile } from '../../src/payments/reconcile.js';
import { drivers } from '../helpers/databases.js';
import { createMerchant } from '../helpers/checkout.js';
import { startPaymentsWorld, type PaymentsWorld } from '../payments/payments-world.js';
import { waitFor } from '../sandbox/stripe-harness.js';

describe.each(drivers)('PayPal end to end against the stand-in (%s)', (driver) => {
  let p: PaymentsWorld;
  /** The merchant's sandbox PayPal app, as the developer dashboard shows it. */
  let app: { clientId: string; clientSecret: string };
  let paypalUrl: string;

  beforeAll(async () => {
    p = await startPaymentsWorld(driver);
    paypalUrl = p.world.sandbox.urls.paypal;
    const connected = await p.merchant.client.request('POST', '/api/v1/connections/paypal/test/sandbox', {});
    expect(connected.statusCode, connected.body).toBe(201);
    const { apps } = (await (await fetch(`${paypalUrl}/__sandbox/paypal/apps`)).json()) as { apps: { clientId: string; clientSecret: string }[] };
    app = apps.at(-1)!;
  }, 60_000);
  afterAll(() => p?.close());

  /** PayPal's REST API as the merchant (Basic client credentials, which PayPal accepts too). */
  const paypal = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${paypalUrl}${path}`, {
      method,
      headers: { authorization: `Basic ${Buffer.from(`${app.clientId}:${app.clientSecret}`).toString('base64')}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: res.status === 204 ? null : ((await res.json()) as Record<string, any>) };
  };
  /** The buyer approves the order at PayPal, with one of the stand-in's test buyers. */
  const approve = async (orderId: string, buyer: 'buyer' | 'declined' | 'denied' | 'pending' = 'buyer') => {
    const res = await fetch(`${paypalUrl}/__sandbox/paypal/orders/${orderId}/approve`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ buyer }) });
    expect(res.status).toBe(200);
  };
  /** CHECKOUT.ORDER.APPROVED events the stand-in delivered to our webhook (answered 2xx). */
  const approvedDeliveries = async () => {
    const { deliveries } = (await (await fetch(`${paypalUrl}/__sandbox/paypal/webhook-deliveries`)).json()) as { deliveries: { eventType: string; status: string }[] };
    return deliveries.filter((d) => d.eventType === 'CHECKOUT.ORDER.APPROVED' && d.status === 'delivered').length;
  };
  const stored = async (id: string) => (await p.sql<Record<string, any>>(`SELECT * FROM transactions WHERE id = $1`, [id]))[0]!;
  const startPayPal = async (email: string, body: Record<string, unknown> = {}) => {
    const res = await p.buyer(email).pay({ provider: 'paypal', items: [{ priceId: p.merchant.prices.shirt, quantity: 2 }], ...body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; status: string; provider: string; paypal: { orderId: string } };
  };
  const complete = async (id: string) => (await p.buyer().complete(id)).json();

  it('offers PayPal in the form config with the client id and the JS SDK, and nothing secret', async () => {
    const config = (await p.buyer().config()).json();
    expect(config.providers.paypal).toEqual({ clientId: app.clientId, jsUrl: `${paypalUrl}/sdk/js` });
    expect(JSON.stringify(config)).not.toContain(app.clientSecret);
    const connections = (await p.merchant.client.request('GET', '/api/v1/connections')).body;
    expect(connections).not.toContain(app.clientSecret);
    // Sealed at rest: the raw row holds neither the secret nor anything it could be read from.
    const [row] = await p.sql<{ credentials: string; public_config: object }>(`SELECT credentials, public_config FROM provider_connections WHERE account_id = $1 AND provider = 'paypal'`, [p.merchant.accountId]);
    expect(JSON.stringify(row)).not.toContain(app.clientSecret);
    expect(row!.public_config).toMatchObject({ clientId: app.clientId, webhookId: expect.any(String) });
  });

  it('creates the order priced on the server, pending before PayPal, then captures on approval and converges', async () => {
    const payment = await startPayPal('paypal-ok@example.com', { hubspotFields: { company: 'Engines' } });
    expect(payment).toMatchObject({ object: 'payment', status: 'pending', amount: 5000, currency: 'usd', provider: 'paypal' });
    const row = await stored(payment.id);
    expect(row).toMatchObject({ status: 'pending', provider: 'paypal', provider_payment_id: payment.paypal.orderId, amount: 5000 });

    const order = await paypal('GET', `/v2/checkout/orders/${payment.paypal.orderId}`);
    expect(order.body).toMatchObject({ intent: 'CAPTURE', status: 'CREATED' });
    const unit = order.body!.purchase_units[0];
    expect(unit).toMatchObject({
      reference_id: payment.id,
      custom_id: `opp:${p.merchant.accountId}:${payment.id}:${p.merchant.formId}`,
      amount: { currency_code: 'USD', value: '50.00', breakdown: { item_total: { currency_code: 'USD', value: '50.00' } } },
      items: [{ name: 'T-shirt', quantity: '2', unit_amount: { currency_code: 'USD', value: '25.00' } }],
    });

    // Not approved yet: complete captures nothing.
    expect(await complete(payment.id)).toMatchObject({ status: 'pending' });
    await approve(payment.paypal.orderId);
    // complete reads a payment at most once per 2 s: the buyer's next complete waits for its turn.
    const done = await complete(payment.id);
    expect(done).toMatchObject({ id: payment.id, status: 'succeeded', provider: 'paypal', amount: 5000, failureMessage: null, successMessage: 'Thank you!' });

    const captured = await paypal('GET', `/v2/checkout/orders/${payment.paypal.orderId}`);
    const captures = captured.body!.purchase_units[0].payments.captures;
    expect(captures).toHaveLength(1);
    expect(captures[0]).toMatchObject({ status: 'COMPLETED', amount: { value: '50.00' } });
    expect(await stored(payment.id)).toMatchObject({ status: 'succeeded', provider_charge_id: captures[0].id });
    expect(await p.syncJobs(payment.id)).toEqual(['succeeded']);

    // A later complete (a reload) does not capture again.
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expect(await complete(payment.id)).toMatchObject({ status: 'succeeded' });
    expect((await paypal('GET', `/v2/checkout/orders/${payment.paypal.orderId}`)).body!.purchase_units[0].payments.captures).toHaveLength(1);

    const detail = (await p.merchant.client.request('GET', `/api/v1/transactions/${payment.id}`)).json();
    expect(detail).toMatchObject({ provider: 'paypal', stripe: null, paypal: { orderId: payment.paypal.orderId, captureId: captures[0].id, dashboardUrl: null } });
    // Fee and net as PayPal's receivable breakdown of the capture says.
    const breakdown = (await paypal('GET', `/v2/payments/captures/${captures[0].id}`)).body!.seller_receivable_breakdown;
    expect(detail.settlement).toEqual({ currency: 'usd', fee: Math.round(Number(breakdown.paypal_fee.value) * 100), net: Math.round(Number(breakdown.net_amount.value) * 100) });
    expect(detail.settlement.fee).toBeGreaterThan(0);
    expect(detail.settlement.fee + detail.settlement.net).toBe(5000);
  });

  it("captures an approved order from PayPal's webhook when the buyer's page never completes", async () => {
    const payment = await startPayPal('paypal-closed-page@example.com');
    await approve(payment.paypal.orderId);
    // No complete from the browser: CHECKOUT.ORDER.APPROVED arrives and the order is captured once.
    await waitFor(async () => (await stored(payment.id)).status === 'succeeded');
    expect((await paypal('GET', `/v2/checkout/orders/${payment.paypal.orderId}`)).body!.purchase_units[0].payments.captures).toHaveLength(1);
    expect(await complete(payment.id)).toMatchObject({ status: 'succeeded' });
  });

  it('links an order our write never linked (a crash after PayPal answered) from its webhook, through our claim, and captures it once', async () => {
    const payment = await startPayPal('paypal-crash@example.com');
    await p.sql(`UPDATE transactions SET provider_payment_id = NULL WHERE id = $1`, [payment.id]);
    await approve(payment.paypal.orderId);
    await waitFor(async () => (await stored(payment.id)).status === 'succeeded');
    expect(await stored(payment.id)).toMatchObject({ provider_payment_id: payment.paypal.orderId });
    expect((await paypal('GET', `/v2/checkout/orders/${payment.paypal.orderId}`)).body!.purchase_units[0].payments.captures).toHaveLength(1);
  });

  it('answers one order and one transaction to 50 concurrent identical requests', async () => {
    const body = { idempotencyKey: `paypal-repeat-${Date.now()}`, provider: 'paypal', items: [{ priceId: p.merchant.prices.sticker }] };
    const buyer = p.buyer('paypal-repeat@example.com');
    const answers = await Promise.all(Array.from({ length: 50 }, () => buyer.pay(body)));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([...Array(49).fill(200), 201]);
    expect(new Set(answers.map((a) => a.json().paypal.orderId)).size).toBe(1);
    expect(new Set(answers.map((a) => a.json().id)).size).toBe(1);
    const rows = await p.sql(`SELECT id FROM transactions WHERE account_id = $1 AND idempotency_key = $2`, [p.merchant.accountId, body.idempotencyKey]);
    expect(rows).toHaveLength(1);
  });

  it('captures once when the buyer completes twice at the same moment', async () => {
    const payment = await startPayPal('paypal-twice@example.com');
    await approve(payment.paypal.orderId);
    const both = await Promise.all([complete(payment.id), complete(payment.id)]);
    expect(both.map((r) => r.status)).toEqual(['succeeded', 'succeeded']);
    expect((await paypal('GET', `/v2/checkout/orders/${payment.paypal.orderId}`)).body!.purchase_units[0].payments.captures).toHaveLength(1);
  });

  it('a declined funding source fails the attempt and leaves the order open: the buyer approves again and pays', async () => {
    const payment = await startPayPal('paypal-declined@example.com');
    const approvals = await approvedDeliveries();
    await approve(payment.paypal.orderId, 'declined');
    const declined = await complete(payment.id);
    expect(declined).toMatchObject({ status: 'failed', failureCode: 'instrument_declined' });
    expect(declined.failureMessage).toMatch(/choose another way to pay/i);
    expect(await stored(payment.id)).toMatchObject({ status: 'failed', failure_code: 'instrument_declined' });

    // The CHECKOUT.ORDER.APPROVED webhook (before or after complete) tries the same funding source: still failed.
    await waitFor(async () => (await approvedDeliveries()) > approvals);
    expect((await stored(payment.id)).status).toBe('failed');

    await approve(payment.paypal.orderId, 'buyer'); // actions.restart(): another funding source
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expect(await complete(payment.id)).toMatchObject({ status: 'succeeded', failureMessage: null });
    expect(await stored(payment.id)).toMatchObject({ status: 'succeeded', failure_code: null });
  });

  it("the buyer's cancel at PayPal leaves a canceled attempt; a paid payment cannot be canceled", async () => {
    const cancelAt = (accountId: string, id: string) =>
      p.world.t.app.inject({ method: 'POST', url: `/api/public/v1/accounts/${accountId}/payments/${id}/cancel`, payload: {}, remoteAddress: '198.51.100.77' });
    const cancel = async (id: string) => (await cancelAt(p.merchant.accountId, id)).json();
    const abandoned = await startPayPal('paypal-cancel@example.com');
    // Another account's id, a malformed id, a body: refused, nothing changed.
    const other = await createMerchant(p.world.t);
    expect((await cancelAt(other.accountId, abandoned.id)).statusCode).toBe(404);
    expect((await cancelAt(p.merchant.accountId, 'pay_nope')).statusCode).toBe(400);
    const withBody = await p.world.t.app.inject({ method: 'POST', url: `/api/public/v1/accounts/${p.merchant.accountId}/payments/${abandoned.id}/cancel`, payload: { status: 'canceled' } });
    expect(withBody.statusCode).toBe(400);
    expect(await stored(abandoned.id)).toMatchObject({ status: 'pending' });
    expect(await cancel(abandoned.id)).toMatchObject({ id: abandoned.id, status: 'canceled', provider: 'paypal' });
    expect(await stored(abandoned.id)).toMatchObject({ status: 'canceled', failure_code: 'canceled_by_buyer' });
    expect(await complete(abandoned.id)).toMatchObject({ status: 'canceled', failureCode: 'canceled_by_buyer' });

    const paid = await startPayPal('paypal-paid-cancel@example.com');
    await approve(paid.paypal.orderId);
    expect(await complete(paid.id)).toMatchObject({ status: 'succeeded' });
    expect(await cancel(paid.id)).toMatchObject({ status: 'succeeded' });

    // Approved by the buyer: not cancelable; the buyer's approval is honoured (captured) instead.
    const approved = await startPayPal('paypal-approved-cancel@example.com');
    await approve(approved.paypal.orderId);
    expect(await cancel(approved.id)).toMatchObject({ status: 'succeeded' });
    expect((await paypal('GET', `/v2/checkout/orders/${approved.paypal.orderId}`)).body!.purchase_units[0].payments.captures).toHaveLength(1);
  });

  it('reconciliation captures an approved order nobody completed, and cancels one left unapproved for a day', async () => {
    const approved = await startPayPal('paypal-reconcile-approved@example.com');
    const left = await startPayPal('paypal-reconcile-left@example.com');
    // Approved while our webhook could not be reached: only reconciliation sees it.
    await fetch(`${paypalUrl}/__sandbox/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ webhooksPaused: true }) });
    try {
      await approve(approved.paypal.orderId);
      await p.sql(`UPDATE transactions SET created_at = now() - interval '25 hours', updated_at = now() - interval '7 hours' WHERE id = ANY($1)`, [[approved.id, left.id]]);
      const report = await reconcile(p.world.t.ctx);
      expect(report.errors).toBe(0);
      expect(report.abandoned).toBeGreaterThanOrEqual(1);
    } finally {
      await fetch(`${paypalUrl}/__sandbox/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ webhooksPaused: false }) });
    }
    expect(await stored(approved.id)).toMatchObject({ status: 'succeeded' });
    expect((await paypal('GET', `/v2/checkout/orders/${approved.paypal.orderId}`)).body!.purchase_units[0].payments.captures).toHaveLength(1);
    expect(await stored(left.id)).toMatchObject({ status: 'canceled', failure_code: 'abandoned' });
    expect(await p.syncJobs(left.id)).toEqual([]);

    // An order PayPal no longer has (it forgets orders nobody approved): canceled once abandoned, not an error forever.
    const forgotten = await startPayPal('paypal-reconcile-forgotten@example.com');
    await p.sql(`UPDATE transactions SET provider_payment_id = '0NOSUCHORDER00000', created_at = now() - interval '25 hours', updated_at = now() - interval '7 hours' WHERE id = $1`, [forgotten.id]);
    const again = await reconcile(p.world.t.ctx);
    expect(again.errors).toBe(0);
    expect(await stored(forgotten.id)).toMatchObject({ status: 'canceled', failure_code: 'abandoned' });
  });

  it('a denied capture fails the payment for good', async () => {
    const payment = await startPayPal('paypal-denied@example.com');
    await approve(payment.paypal.orderId, 'denied');
    expect(await complete(payment.id)).toMatchObject({ status: 'failed', failureMessage: expect.stringMatching(/PayPal declined/) });
    expect(await stored(payment.id)).toMatchObject({ status: 'failed', failure_code: 'capture_declined' });
    expect(await p.syncJobs(payment.id)).toEqual(['failed']);
  });

  it('a capture held for review is processing, and its webhook settles the payment', async () => {
    const payment = await startPayPal('paypal-pending@example.com');
    await approve(payment.paypal.orderId, 'pending');
    expect(await complete(payment.id)).toMatchObject({ status: 'processing' });
    const captureId = (await stored(payment.id)).provider_charge_id as string;
    const settled = await fetch(`${paypalUrl}/__sandbox/paypal/captures/${captureId}/complete`, { method: 'POST' });
    expect(settled.status).toBe(200);
    await waitFor(async () => (await stored(payment.id)).status === 'succeeded');
    const events = await p.sql<{ type: string }>(`SELECT type FROM provider_events WHERE account_id = $1 AND provider = 'paypal' AND type = 'PAYMENT.CAPTURE.COMPLETED'`, [p.merchant.accountId]);
    expect(events.length).toBeGreaterThan(0);
  });

  it('refunds part, then the rest, through PayPal; statuses and refund rows follow', async () => {
    const payment = await startPayPal('paypal-refund@example.com');
    await approve(payment.paypal.orderId);
    expect(await complete(payment.id)).toMatchObject({ status: 'succeeded' });
    const refund = (body: Record<string, unknown>) => p.merchant.client.request('POST', `/api/v1/transactions/${payment.id}/refunds`, body);

    const first = await refund({ amount: 1500 });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ amount: 1500, status: 'succeeded', stripeRefundId: null, providerRefundId: expect.any(String) });
    const tooMuch = await refund({ amount: 3501 });
    expect(tooMuch.statusCode).toBe(422);
    expect(tooMuch.json().error).toMatchObject({ code: 'unprocessable', refundable: 3500 });
    const rest = await refund({});
    expect(rest.statusCode, rest.body).toBe(201);
    expect(rest.json()).toMatchObject({ amount: 3500, status: 'succeeded' });
    expect((await refund({ amount: 1 })).statusCode).toBe(409);

    const detail = (await p.merchant.client.request('GET', `/api/v1/transactions/${payment.id}`)).json();
    expect(detail).toMatchObject({ status: 'refunded', amountRefunded: 5000, refundable: 0 });
    expect(detail.refunds.map((r: { amount: number; status: string }) => [r.amount, r.status])).toEqual([
      [1500, 'succeeded'],
      [3500, 'succeeded'],
    ]);
    // Found by provider in the list, and exported with PayPal's ids.
    const listed = (await p.merchant.client.request('GET', '/api/v1/transactions?provider=paypal&email=paypal-refund')).json();
    expect(listed.data.map((t: { id: string }) => t.id)).toEqual([payment.id]);
    expect((await p.merchant.client.request('GET', '/api/v1/transactions?provider=stripe&email=paypal-refund')).json().data).toEqual([]);
    const csv = (await p.merchant.client.request('GET', '/api/v1/transactions/export.csv?provider=paypal&email=paypal-refund')).body.split('\r\n');
    expect(csv[0]).toMatch(/,paypal_order_id,paypal_capture_id,dispute_status$/);
    expect(csv[1]).toMatch(new RegExp(`^${payment.id},.*,paypal,,,,,${payment.paypal.orderId},${detail.paypal.captureId},$`));
    const capture = await paypal('GET', `/v2/payments/captures/${detail.paypal.captureId}`);
    expect(capture.body).toMatchObject({ status: 'REFUNDED' });
    // The refund webhooks arrive too; they change nothing and make no second refund row.
    await waitFor(async () => (await p.sql(`SELECT 1 FROM provider_events WHERE account_id = $1 AND type = 'PAYMENT.CAPTURE.REFUNDED'`, [p.merchant.accountId])).length >= 2);
    expect((await p.sql(`SELECT id FROM refunds WHERE transaction_id = $1`, [payment.id])).length).toBe(2);
    expect(await p.syncJobs(payment.id)).toEqual(['succeeded', 'partially_refunded', 'refunded']);
  });

  it('every event of a payment, delivered again 5 times in shuffled order, leaves it where it was', async () => {
    const payment = await startPayPal('paypal-shuffled@example.com');
    await approve(payment.paypal.orderId);
    expect(await complete(payment.id)).toMatchObject({ status: 'succeeded' });
    expect((await p.merchant.client.request('POST', `/api/v1/transactions/${payment.id}/refunds`, { amount: 1000 })).statusCode).toBe(201);
    const deliveries = async () => ((await (await fetch(`${paypalUrl}/__sandbox/paypal/webhook-deliveries`)).json()) as { deliveries: { status: string }[] }).deliveries;
    const settled = await stored(payment.id);
    const refundsBefore = await p.sql(`SELECT id, amount, status, provider_refund_id FROM refunds WHERE transaction_id = $1 ORDER BY id`, [payment.id]);

    // Forget that they were applied, so each is applied again, in an order that is not PayPal's.
    await p.sql(`DELETE FROM provider_events WHERE account_id = $1 AND provider = 'paypal'`, [p.merchant.accountId]);
    const { events } = (await paypal('GET', '/v1/notifications/webhooks-events')).body as { events: { id: string }[] };
    const ofThisPayment = events.filter((e) => JSON.stringify(e).includes(payment.paypal.orderId) || JSON.stringify(e).includes(settled.provider_charge_id));
    expect(ofThisPayment.length).toBeGreaterThanOrEqual(3); // approved, capture completed, refunded
    const resends = ofThisPayment.flatMap((e) => Array.from({ length: 5 }, () => e.id));
    for (let i = resends.length - 1; i > 0; i--) {
      const j = (i * 7919) % (i + 1);
      [resends[i], resends[j]] = [resends[j]!, resends[i]!];
    }
    const sent = (await deliveries()).length;
    for (const id of resends) expect((await paypal('POST', `/v1/notifications/webhooks-events/${id}/resend`, {})).status).toBe(202);
    await waitFor(async () => {
      const now = await deliveries();
      return now.length >= sent + resends.length && now.slice(sent).every((d) => d.status === 'delivered');
    }, 30_000);

    const after = await stored(payment.id);
    for (const column of ['status', 'amount_refunded', 'provider_payment_id', 'provider_charge_id', 'failure_code', 'succeeded_at']) {
      expect(String(after[column]), column).toBe(String(settled[column]));
    }
    expect(await p.sql(`SELECT id, amount, status, provider_refund_id FROM refunds WHERE transaction_id = $1 ORDER BY id`, [payment.id])).toEqual(refundsBefore);
  });

  it('refuses webhook deliveries PayPal did not sign, and acknowledges a replayed one as a duplicate', async () => {
    const url = `/api/webhooks/paypal/${p.merchant.accountId}`;
    const post = (body: string, headers: Record<string, string>) => p.world.t.app.inject({ method: 'POST', url, payload: body, headers: { 'content-type': 'application/json', ...headers } });
    const forged = JSON.stringify({ id: 'WH-FORGED', event_type: 'PAYMENT.CAPTURE.COMPLETED', resource_type: 'capture', resource: { id: 'X' } });
    expect((await post(forged, {})).statusCode).toBe(400);
    const signedLike = {
      'paypal-auth-algo': 'SHA256withRSA',
      'paypal-cert-url': `${paypalUrl}/v1/notifications/certs/CERT-1`,
      'paypal-transmission-id': 'b1f5e6c0-0000-0000-0000-000000000000',
      'paypal-transmission-sig': Buffer.from('not a signature').toString('base64'),
      'paypal-transmission-time': new Date().toISOString(),
    };
    const refused = await post(forged, signedLike);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toMatch(/did not verify/);
    expect((await post(forged, { ...signedLike, 'paypal-cert-url': 'https://evil.example/cert.pem' })).json().error.message).toMatch(/certificate URL/);

    // A real delivery, sent again byte for byte: verified, then acknowledged as a duplicate.
    const deliveries = (await (await fetch(`${paypalUrl}/__sandbox/paypal/webhook-deliveries`)).json()) as { deliveries: { status: string; eventId: string }[] };
    expect(deliveries.deliveries.some((d) => d.status === 'delivered')).toBe(true);
    const delivered = deliveries.deliveries.find((d) => d.status === 'delivered')!;
    const resent = await fetch(`${paypalUrl}/v1/notifications/webhooks-events/${delivered.eventId}/resend`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${app.clientId}:${app.clientSecret}`).toString('base64')}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(resent.status).toBeLessThan(300);
    await waitFor(async () => {
      const now = (await (await fetch(`${paypalUrl}/__sandbox/paypal/webhook-deliveries`)).json()) as { deliveries: { eventId: string; status: string }[] };
      return now.deliveries.filter((d) => d.eventId === delivered.eventId && d.status === 'delivered').length >= 2;
    });
    const stored = await p.sql(`SELECT event_id FROM provider_events WHERE account_id = $1 AND provider = 'paypal' AND event_id = $2`, [p.merchant.accountId, delivered.eventId]);
    expect(stored).toHaveLength(1);

  });

  it("refuses a delivery PayPal signed for another webhook: another merchant's, or one of our merchant's own app that is not ours", async () => {
    // A second webhook on the merchant's PayPal app, pointing at a recorder: PayPal really signs what it sends there.
    const received: { headers: Record<string, string>; body: string }[] = [];
    const recorder = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        received.push({ headers: req.headers as Record<string, string>, body });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => recorder.listen(0, '127.0.0.1', resolve));
    const hook = await paypal('POST', '/v1/notifications/webhooks', { url: `http://127.0.0.1:${(recorder.address() as AddressInfo).port}/`, event_types: [{ name: '*' }] });
    expect(hook.status).toBe(201);
    try {
      const payment = await startPayPal('paypal-forwarded@example.com');
      await approve(payment.paypal.orderId);
      const delivery = await waitFor(async () => received[0]);
      const forward = (accountId: string) =>
        p.world.t.app.inject({ method: 'POST', url: `/api/webhooks/paypal/${accountId}`, payload: delivery.body, headers: { ...delivery.headers, host: 'localhost' } });
      const other = await createMerchant(p.world.t);
      expect((await other.client.request('POST', '/api/v1/connections/paypal/test/sandbox', {})).statusCode).toBe(201);
      for (const accountId of [other.accountId, p.merchant.accountId]) {
        const res = await forward(accountId);
        expect(res.statusCode, accountId).toBe(400);
        expect(res.json().error.message).toMatch(/did not verify/);
      }
      const eventId = (JSON.parse(delivery.body) as { id: string }).id;
      expect(await p.sql(`SELECT 1 FROM provider_events WHERE account_id = $1 AND event_id = $2`, [other.accountId, eventId])).toHaveLength(0);
    } finally {
      await paypal('DELETE', `/v1/notifications/webhooks/${hook.body!.id}`);
      await new Promise((resolve) => recorder.close(resolve));
    }
  });

  it('a form that offers card only shows no PayPal and refuses a PayPal payment', async () => {
    const created = await p.merchant.client.request('POST', '/api/v1/forms', { name: 'Cards only', selection: 'fixed', items: [{ priceId: p.merchant.prices.shirt }], providers: ['stripe'] });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().providers).toEqual(['stripe']);
    const formId = created.json().id as string;
    const config = (await p.buyer().config(formId)).json();
    expect(config.providers.paypal).toBeNull();
    expect(config.providers.stripe).not.toBeNull();
    const refused = await p.buyer('cards-only@example.com').pay({ provider: 'paypal', items: [{ priceId: p.merchant.prices.shirt }] }, { formId });
    expect(refused.statusCode).toBe(503);
    expect(refused.json().error.message).toMatch(/does not take payments with PayPal/);
    const paypalOnly = await p.merchant.client.request('PATCH', `/api/v1/forms/${formId}`, { providers: ['paypal'] });
    expect(paypalOnly.json().providers).toEqual(['paypal']);
    expect((await p.buyer().config(formId)).json().providers).toMatchObject({ stripe: null, paypal: { clientId: app.clientId } });
    expect((await p.merchant.client.request('PATCH', `/api/v1/forms/${formId}`, { providers: [] })).statusCode).toBe(400);
  });

  it('PayPal down leaves the card offered; both down close the form with a message', async () => {
    const markDown = (provider: string, reason: string) =>
      p.sql(
        `INSERT INTO provider_status (account_id, mode, provider, status, reason, checked_at, changed_at) VALUES ($1, 'test', $2, 'down', $3, now(), now())
         ON CONFLICT (account_id, mode, provider) DO UPDATE SET status = 'down', reason = EXCLUDED.reason, checked_at = now()`,
        [p.merchant.accountId, provider, reason],
      );
    try {
      await markDown('paypal', 'unreachable');
      const paypalDown = (await p.buyer().config()).json();
      expect(paypalDown).toMatchObject({ available: true, message: null, providers: { paypal: null } });
      expect(paypalDown.providers.stripe).not.toBeNull();
      // A form that offers PayPal only is unavailable, and says why.
      const paypalOnly = await p.merchant.client.request('POST', '/api/v1/forms', { name: 'PayPal only', selection: 'fixed', items: [{ priceId: p.merchant.prices.shirt }], providers: ['paypal'] });
      expect((await p.buyer().config(paypalOnly.json().id)).json()).toMatchObject({ available: false, message: expect.stringMatching(/PayPal cannot be reached/) });
      await markDown('stripe', 'credentials_refused');
      const bothDown = (await p.buyer().config()).json();
      expect(bothDown).toMatchObject({ available: false, message: expect.stringMatching(/card processor is not accepting payments/) });
    } finally {
      await p.sql(`DELETE FROM provider_status WHERE account_id = $1`, [p.merchant.accountId]);
    }
    expect((await p.buyer().config()).json().providers.paypal).not.toBeNull();
  });

  it('disconnecting removes our webhook at PayPal; connecting again makes a new one', async () => {
    const before = await paypal('GET', '/v1/notifications/webhooks');
    expect(before.body!.webhooks).toHaveLength(1);
    expect(before.body!.webhooks[0].url).toBe(`${p.world.baseUrl}/api/webhooks/paypal/${p.merchant.accountId}`);
    expect((await p.merchant.client.request('DELETE', '/api/v1/connections/paypal/test')).statusCode).toBe(204);
    expect((await paypal('GET', '/v1/notifications/webhooks')).body!.webhooks).toHaveLength(0);
    expect((await p.buyer().config()).json().providers.paypal).toBeNull();

    const again = await p.merchant.client.request('PUT', '/api/v1/connections/paypal/test', { clientId: app.clientId, clientSecret: app.clientSecret });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.body).not.toContain(app.clientSecret);
    expect((await paypal('GET', '/v1/notifications/webhooks')).body!.webhooks).toHaveLength(1);
    const wrong = await p.merchant.client.request('PUT', '/api/v1/connections/paypal/test', { clientId: app.clientId, clientSecret: 'wrong-secret' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error.message).toMatch(/PayPal refused/);
  });
});
