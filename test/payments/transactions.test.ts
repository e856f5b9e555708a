import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paymentProvider } from '../../src/providers/payment-providers.js';
import { drivers } from '../helpers/databases.js';
import { startPaymentsWorld, type PaymentsWorld } from './payments-world.js';

describe.each(drivers)('transactions and contacts API (%s)', (driver) => {
  let p: PaymentsWorld;
  const ids: Record<'ada' | 'bob' | 'carol' | 'dave', string> = { ada: '', bob: '', carol: '', dave: '' };

  const get = (url: string) => p.merchant.client.request('GET', url);
  const list = async (query = '') => {
    const res = await get(`/api/v1/transactions${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { data: { id: string }[]; nextCursor: string | null; totals: { count: number; currencies: Record<string, unknown>[] } };
  };
  const listed = async (query: string) => (await list(query)).data.map((t) => t.id).sort();

  beforeAll(async () => {
    p = await startPaymentsWorld(driver);
    const { shirt, sticker, donation } = p.merchant.prices;
    const ada = await p.buyer('ada@example.com').buy('pm_card_visa', {
      items: [
        { priceId: shirt, quantity: 2 },
        { priceId: donation, amount: 1234 },
      ],
      hubspotFields: { company: 'Analytical Engines' },
    });
    ids.ada = ada.payment.id;
    ids.bob = (await p.buyer('bob@example.org').buy('pm_card_visa', { items: [{ priceId: sticker }] })).payment.id;
    ids.carol = (await p.buyer('carol@example.net').buy('pm_card_chargeDeclined')).payment.id;
    ids.dave = (await p.buyer('dave@example.com').pay({ items: [{ priceId: shirt }] })).json().id;
    // Ada paid on a known day, before the others.
    await p.sql(`UPDATE transactions SET created_at = '2024-03-10T12:00:00Z' WHERE id = $1`, [ids.ada]);
  }, 120_000);
  afterAll(() => p?.close());

  it('lists the transactions newest first, with items, contact and the totals of the whole set', async () => {
    const page = await list();
    expect(page.data.map((t) => t.id)).toEqual([ids.dave, ids.carol, ids.bob, ids.ada]);
    expect(page.nextCursor).toBeNull();
    const ada = page.data.find((t) => t.id === ids.ada);
    expect(ada).toMatchObject({
      object: 'transaction',
      mode: 'test',
      status: 'succeeded',
      provider: 'stripe',
      amount: 6234,
      amountRefunded: 0,
      netAmount: 6234,
      currency: 'usd',
      description: '2 × T-shirt, Donation',
      contact: { email: 'ada@example.com', firstName: 'ada', lastName: 'Buyer' },
      formId: p.merchant.formId,
      createdAt: '2024-03-10T12:00:00.000Z',
    });
    expect((ada as unknown as { items: unknown[] }).items).toEqual([
      expect.objectContaining({ position: 0, priceId: p.merchant.prices.shirt, productName: 'T-shirt', quantity: 2, unitAmount: 2500, amount: 5000 }),
      expect.objectContaining({ position: 1, priceId: p.merchant.prices.donation, productName: 'Donation', quantity: 1, unitAmount: 1234, amount: 1234 }),
    ]);
    expect(page.data.find((t) => t.id === ids.carol)).toMatchObject({ status: 'failed', failureCode: 'generic_decline' });
    expect(page.totals).toEqual({ count: 4, currencies: [{ currency: 'usd', count: 4, paidCount: 2, amount: 7234, refunded: 0, net: 7234 }] });
  });

  it('filters by one or several statuses (repeated or comma-separated)', async () => {
    expect(await listed('?status=succeeded')).toEqual([ids.ada, ids.bob].sort());
    expect(await listed('?status=failed,pending')).toEqual([ids.carol, ids.dave].sort());
    expect(await listed('?status=failed&status=pending')).toEqual([ids.carol, ids.dave].sort());
    const totals = (await list('?status=failed,pending')).totals;
    expect(totals).toEqual({ count: 2, currencies: [{ currency: 'usd', count: 2, paidCount: 0, amount: 0, refunded: 0, net: 0 }] });
    const bad = await get('/api/v1/transactions?status=paid');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('validation_failed');
  });

  it("filters by the buyer's email prefix, case-insensitively, with LIKE wildcards taken literally", async () => {
    expect(await listed('?email=ada@')).toEqual([ids.ada]);
    expect(await listed('?email=BOB')).toEqual([ids.bob]);
    expect(await listed('?email=carol@example.net')).toEqual([ids.carol]);
    expect(await listed('?email=%25')).toEqual([]);
    expect(await listed('?email=_')).toEqual([]);
  });

  it('filters by product, price, form, currency and amount range', async () => {
    const detail = (await get(`/api/v1/transactions/${ids.ada}`)).json();
    const donationProduct = detail.items[1].productId;
    expect(await listed(`?productId=${donationProduct}`)).toEqual([ids.ada]);
    expect(await listed(`?priceId=${p.merchant.prices.sticker}`)).toEqual([ids.bob]);
    expect(await listed(`?formId=${p.merchant.formId}`)).toHaveLength(4);
    expect(await listed('?formId=form_doesnotexist')).toEqual([]);
    expect(await listed('?currency=USD')).toHaveLength(4);
    expect(await listed('?currency=eur')).toEqual([]);
    expect(await listed('?minAmount=1000&maxAmount=2500')).toEqual([ids.bob, ids.carol, ids.dave].sort());
    expect(await listed('?minAmount=2501')).toEqual([ids.ada]);
    expect((await get('/api/v1/transactions?minAmount=10&maxAmount=5')).statusCode).toBe(400);
  });

  it('filters by a date range: a bare `to` date includes that whole UTC day', async () => {
    expect(await listed('?from=2024-03-10&to=2024-03-10')).toEqual([ids.ada]);
    expect(await listed('?to=2024-03-09')).toEqual([]);
    expect(await listed('?from=2024-03-10T12:00:00Z&to=2024-03-10T12:00:01%2B00:00')).toEqual([ids.ada]);
    expect(await listed('?from=2024-03-11')).toEqual([ids.bob, ids.carol, ids.dave].sort());
    for (const bad of ['from=2024-02-31', 'from=yesterday', 'from=2024-03-10T12:00:00', 'from=2024-03-11&to=2024-03-10']) {
      const res = await get(`/api/v1/transactions?${bad}`);
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().error.code, bad).toBe('validation_failed');
    }
  });

  it('pages with limit and cursor; every page carries the totals of the whole set', async () => {
    const first = await list('?limit=3');
    expect(first.data.map((t) => t.id)).toEqual([ids.dave, ids.carol, ids.bob]);
    expect(first.nextCursor).toBe(ids.bob);
    const second = await list(`?limit=3&cursor=${first.nextCursor}`);
    expect(second.data.map((t) => t.id)).toEqual([ids.ada]);
    expect(second.nextCursor).toBeNull();
    expect(second.totals).toEqual(first.totals);
  });

  it('shows one transaction with items, contact and totals, refunds, provider ids and the HubSpot side', async () => {
    const res = await get(`/api/v1/transactions/${ids.ada}`);
    expect(res.statusCode).toBe(200);
    const detail = res.json();
    const [row] = await p.sql<{ provider_payment_id: string; provider_charge_id: string }>(`SELECT * FROM transactions WHERE id = $1`, [ids.ada]);
    expect(detail).toMatchObject({
      id: ids.ada,
      status: 'succeeded',
      refunds: [],
      refundable: 6234,
      contact: { object: 'contact', email: 'ada@example.com', paymentsCount: 1, lifetimeValue: { usd: 6234 }, hubspotContactId: null },
      stripe: { paymentIntentId: row!.provider_payment_id, chargeId: row!.provider_charge_id, dashboardUrl: null },
      hubspot: { contactId: null },
      hubspotFields: { company: 'Analytical Engines' },
    });
    expect(detail.stripe.customerId).toMatch(/^cus_/);
    expect(detail.items).toHaveLength(2);
    expect((await get(`/api/v1/transactions/${ids.carol}`)).json()).toMatchObject({ status: 'failed', refundable: 0 });
    const missing = await get('/api/v1/transactions/pay_000000000000000000000000');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('not_found');
  });

  it('lists contacts with their totals, filtered by email prefix and by whether they bought', async () => {
    const res = await get('/api/v1/contacts');
    expect(res.statusCode).toBe(200);
    const contacts = res.json().data as { email: string; paymentsCount: number; lifetimeValue: Record<string, number>; firstPurchaseAt: string | null }[];
    expect(contacts.map((c) => c.email).sort()).toEqual(['ada@example.com', 'bob@example.org', 'carol@example.net', 'dave@example.com']);
    expect(contacts.find((c) => c.email === 'bob@example.org')).toMatchObject({ object: 'contact', paymentsCount: 1, lifetimeValue: { usd: 1000 } });
    expect(contacts.find((c) => c.email === 'carol@example.net')).toMatchObject({ paymentsCount: 0, lifetimeValue: {}, firstPurchaseAt: null });
    const emails = async (query: string) => ((await get(`/api/v1/contacts${query}`)).json().data as { email: string }[]).map((c) => c.email).sort();
    expect(await emails('?hasPurchases=true')).toEqual(['ada@example.com', 'bob@example.org']);
    expect(await emails('?hasPurchases=false')).toEqual(['carol@example.net', 'dave@example.com']);
    expect(await emails('?email=CAR')).toEqual(['carol@example.net']);
    const paged = (await get('/api/v1/contacts?limit=3')).json();
    expect(paged.data).toHaveLength(3);
    expect((await get(`/api/v1/contacts?limit=3&cursor=${paged.nextCursor}`)).json().data).toHaveLength(1);
  });

  it("shows a contact with their transactions; another mode's data does not exist", async () => {
    const detail = (await get(`/api/v1/transactions/${ids.bob}`)).json();
    const res = await get(`/api/v1/contacts/${detail.contact.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ email: 'bob@example.org', paymentsCount: 1, transactions: { data: [{ id: ids.bob }], nextCursor: null, totals: { count: 1 } } });

    const client = p.merchant.client;
    expect((await client.request('PUT', '/api/v1/me/mode', { mode: 'live' })).statusCode).toBe(200);
    try {
      expect((await list()).totals.count).toBe(0);
      expect((await get(`/api/v1/transactions/${ids.bob}`)).statusCode).toBe(404);
      expect((await get(`/api/v1/contacts/${detail.contact.id}`)).statusCode).toBe(404);
      expect((await get('/api/v1/contacts')).json().data).toEqual([]);
    } finally {
      await client.request('PUT', '/api/v1/me/mode', { mode: 'test' });
    }
  });
});

describe("providers' dashboard links", () => {
  it("point at the payment in Stripe's dashboard (under /test in test mode) and at the capture in PayPal's activity", () => {
    const stripe = paymentProvider('stripe')!;
    expect(stripe.dashboardUrl('test', { paymentId: 'pi_123', chargeId: 'ch_1' })).toBe('https://dashboard.stripe.com/test/payments/pi_123');
    expect(stripe.dashboardUrl('live', { paymentId: 'pi_123', chargeId: null })).toBe('https://dashboard.stripe.com/payments/pi_123');
    expect(stripe.dashboardUrl('live', { paymentId: null, chargeId: null })).toBeNull();
    const paypal = paymentProvider('paypal')!;
    expect(paypal.dashboardUrl('test', { paymentId: 'ORDER1', chargeId: 'CAPTURE1' })).toBe('https://www.sandbox.paypal.com/activity/payment/CAPTURE1');
    expect(paypal.dashboardUrl('live', { paymentId: 'ORDER1', chargeId: 'CAPTURE1' })).toBe('https://www.paypal.com/activity/payment/CAPTURE1');
    expect(paypal.dashboardUrl('live', { paymentId: 'ORDER1', chargeId: null })).toBeNull();
  });
});
