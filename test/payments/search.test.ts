import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMerchant, type Merchant } from '../helpers/checkout.js';
import { drivers } from '../helpers/databases.js';
import { startPaymentsWorld, type PaymentsWorld } from './payments-world.js';

describe.each(drivers)('search (%s)', (driver) => {
  let p: PaymentsWorld;
  let other: Merchant;
  let paid: { id: string; paymentIntentId: string; chargeId: string; contactId: string };
  beforeAll(async () => {
    p = await startPaymentsWorld(driver);
    const { payment } = await p.buyer('grace.hopper@example.com').buy('pm_card_visa', { contact: { email: 'grace.hopper@example.com', firstName: 'Grace', lastName: 'Hopper' } });
    await p.buyer('gracie@example.com').buy('pm_card_visa', { contact: { email: 'gracie@example.com', firstName: 'Gracie', lastName: 'Allen' } });
    const detail = (await p.merchant.client.request('GET', `/api/v1/transactions/${payment.id}`)).json();
    paid = { id: payment.id, paymentIntentId: detail.stripe.paymentIntentId, chargeId: detail.stripe.chargeId, contactId: detail.contact.id };
    other = await createMerchant(p.world.t);
  }, 60_000);
  afterAll(() => p?.close());

  const find = async (q: string, merchant = p.merchant) => {
    const res = await merchant.client.request('GET', `/api/v1/search?q=${encodeURIComponent(q)}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().data as { kind: string; id: string; label: string; matched: string }[];
  };

  it('finds a payment by its id, its PaymentIntent and its charge', async () => {
    expect(await find(paid.id)).toEqual([{ kind: 'transaction', id: paid.id, label: '$25.00 from grace.hopper@example.com', matched: 'payment id' }]);
    expect(await find(paid.paymentIntentId)).toEqual([expect.objectContaining({ kind: 'transaction', id: paid.id, matched: 'provider id' })]);
    expect(await find(` ${paid.chargeId} `)).toEqual([expect.objectContaining({ kind: 'transaction', id: paid.id, matched: 'provider id' })]);
  });

  it('finds buyers by contact id, email or its beginning, and by name', async () => {
    expect(await find(paid.contactId)).toEqual([{ kind: 'contact', id: paid.contactId, label: 'Grace Hopper <grace.hopper@example.com>', matched: 'contact id' }]);
    expect((await find('GRACE.hopper@')).map((h) => h.id)).toEqual([paid.contactId]);
    expect((await find('grac')).map((h) => h.label).sort()).toEqual(['Grace Hopper <grace.hopper@example.com>', 'Gracie Allen <gracie@example.com>']);
    expect((await find('Grace')).map((h) => h.id)).toEqual([paid.contactId]);
    expect((await find('hopper')).map((h) => h.id)).toEqual([paid.contactId]);
    expect((await find('grace hop')).map((h) => h.id)).toEqual([paid.contactId]);
    expect(await find('nobody')).toEqual([]);
  });

  it('treats % and _ as plain characters, and refuses an empty query', async () => {
    expect(await find('%')).toEqual([]);
    expect(await find('_race')).toEqual([]);
    for (const q of ['', '%20%20']) expect((await p.merchant.client.request('GET', `/api/v1/search?q=${q}`)).statusCode).toBe(400);
    expect((await p.merchant.client.request('GET', '/api/v1/search')).statusCode).toBe(400);
    expect((await p.merchant.client.request('GET', `/api/v1/search?q=${'x'.repeat(255)}`)).statusCode).toBe(400);
  });

  it("another account finds none of this account's payments or buyers, by any id, email or name", async () => {
    for (const q of [paid.id, paid.paymentIntentId, paid.chargeId, paid.contactId, 'grace', 'grace.hopper@example.com']) expect(await find(q, other), q).toEqual([]);
  });
});
