import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drivers } from '../helpers/databases.js';
import { Buyer, createMerchant, startCheckoutWorld, type CheckoutWorld, type Merchant } from '../helpers/checkout.js';

describe.each(drivers)('public payment API: what a client cannot do (%s)', (driver) => {
  let world: CheckoutWorld;
  let merchant: Merchant;
  let other: Merchant;
  let buyer: Buyer;
  beforeAll(async () => {
    world = await startCheckoutWorld(driver);
    merchant = await createMerchant(world.t);
    other = await createMerchant(world.t);
    buyer = new Buyer(world, merchant);
  }, 60_000);
  afterAll(() => world?.close());

  const count = async () => Number((await world.t.ctx.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM transactions`)).rows[0]!.n);
  const expectRefused = async (res: { statusCode: number; json(): { error: { code: string; message: string } } }, status: number, message?: RegExp) => {
    expect(res.statusCode).toBe(status);
    if (message) expect(res.json().error.message).toMatch(message);
  };

  it('an unknown account and an unknown form answer the same 404', async () => {
    const unknownAccount = await world.t.app.inject({ method: 'GET', url: `/api/public/v1/accounts/${'0'.repeat(32)}/forms/${merchant.formId}` });
    const unknownForm = await world.t.app.inject({ method: 'GET', url: `/api/public/v1/accounts/${merchant.accountId}/forms/form_000000000000000000000000` });
    const otherAccountsForm = await world.t.app.inject({ method: 'GET', url: `/api/public/v1/accounts/${merchant.accountId}/forms/${other.formId}` });
    for (const res of [unknownAccount, unknownForm, otherAccountsForm]) {
      expect(res.statusCode).toBe(404);
      expect({ ...res.json().error, requestId: undefined }).toEqual({ code: 'not_found', message: 'Payment form not found.', requestId: undefined });
    }
  });

  it('amount tampering has no effect: the server prices the order, amounts on fixed prices are refused', async () => {
    const before = await count();
    await expectRefused(await buyer.pay({ items: [{ priceId: merchant.prices.shirt, quantity: 1, amount: 1 }] }), 400, /fixed price/);
    await expectRefused(await buyer.pay({ amount: 1, items: [{ priceId: merchant.prices.shirt }] }), 400);
    await expectRefused(await buyer.pay({ items: [{ priceId: merchant.prices.shirt, quantity: 6 }] }), 400, /at most 5/);
    await expectRefused(await buyer.pay({ items: [{ priceId: merchant.prices.donation, amount: 499 }] }), 400, /between \$5\.00 and \$500\.00/);
    await expectRefused(await buyer.pay({ items: [{ priceId: merchant.prices.donation }] }), 400, /enter an amount/);
    await expectRefused(await buyer.pay({ items: [{ priceId: merchant.prices.donation, amount: 1000, quantity: 2 }] }), 400);
    expect(await count()).toBe(before);

    const ok = (await buyer.pay({ items: [{ priceId: merchant.prices.donation, amount: 777 }] })).json();
    expect(ok.amount).toBe(777);
  });

  it("another account's price or form cannot be used", async () => {
    const before = await count();
    await expectRefused(await buyer.pay({ items: [{ priceId: other.prices.shirt }] }), 400, /not offered on this form/);
    await expectRefused(await buyer.pay({ items: [{ priceId: merchant.prices.shirt }] }, { formId: other.formId }), 404);
    expect(await count()).toBe(before);
  });

  it('refuses card data in any field, before storing anything', async () => {
    const before = await count();
    const attempts = [
      { items: [{ priceId: merchant.prices.shirt }], card: { number: '4242424242424242', exp_month: 12, exp_year: 2030, cvc: '123' } },
      { items: [{ priceId: merchant.prices.shirt }], hubspotFields: { notes: 'my card is 4242 4242 4242 4242' } },
      { items: [{ priceId: merchant.prices.shirt }], contact: { email: 'ada@example.com', firstName: '4000-0566-5566-5556' } },
      { items: [{ priceId: merchant.prices.shirt }], cvc: '123' },
    ];
    for (const body of attempts) {
      const res = await buyer.pay(body);
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'validation_failed', message: expect.stringMatching(/Card data must never be sent/) });
    }
    expect(await count()).toBe(before);
    // A long number that is not a card (fails the Luhn check) is just data.
    const fine = await buyer.pay({ items: [{ priceId: merchant.prices.sticker }], hubspotFields: { order_ref: '4242424242424241' } });
    expect(fine.statusCode).toBe(201);
  });

  it('sees a card number through disguises: other separators, invisible characters, full-width digits, split fields', async () => {
    const before = await count();
    const disguised = [
      '4242.4242.4242.4242',
      '4242/4242/4242/4242',
      '4242_4242_4242_4242',
      '4242\u200b4242\u200b4242\u200b4242',
      '42\u200d42424242424242',
      '４２４２４２４２４２４２４２４２',
      '5555 5555\ufeff5555 4444',
    ];
    for (const value of disguised) {
      const res = await buyer.pay({ items: [{ priceId: merchant.prices.shirt }], hubspotFields: { notes: value } });
      expect(res.statusCode, JSON.stringify(value)).toBe(400);
      expect(res.json().error.message).toMatch(/Card data must never be sent/);
    }
    const split = await buyer.pay({
      items: [{ priceId: merchant.prices.shirt }],
      contact: { email: 'ada@example.com', firstName: '4242 4242', lastName: '4242 4242' },
    });
    expect(split.statusCode).toBe(400);
    const inFour = await buyer.pay({ items: [{ priceId: merchant.prices.shirt }], hubspotFields: { a: '4242', b: '4242', c: '4242', d: '4242' } });
    expect(inFour.statusCode).toBe(400);
    expect(await count()).toBe(before);
  });

  it('takes a real phone number that happens to pass Luhn in international format, and checks that a phone is a phone', async () => {
    // 13 digits (a UK number with its country code) that happen to pass the Luhn check.
    const luhnPhone = '+44 20 7946 09582';
    expect(luhnPhone.replace(/\D/g, '')).toHaveLength(13);
    const ok = await buyer.pay({ items: [{ priceId: merchant.prices.sticker }], contact: { email: 'phone@example.com', phone: luhnPhone } });
    expect(ok.statusCode, ok.body).toBe(201);
    const national = await buyer.pay({ items: [{ priceId: merchant.prices.sticker }], contact: { email: 'phone@example.com', phone: luhnPhone.slice(1) } });
    expect(national.statusCode).toBe(400);
    expect(national.json().error.message).toMatch(/international format/);
    for (const phone of ['12', 'call me', '+1 (555) 0100 0100 0100 0199']) {
      const bad = await buyer.pay({ items: [{ priceId: merchant.prices.sticker }], contact: { email: 'phone@example.com', phone } });
      expect(bad.statusCode, phone).toBe(400);
    }
  });

  it('validates the contact and the selection rules', async () => {
    await expectRefused(await buyer.pay({ contact: { email: 'not-an-email' }, items: [{ priceId: merchant.prices.shirt }] }), 400);
    await expectRefused(await buyer.pay({ contact: { firstName: 'Ada' }, items: [{ priceId: merchant.prices.shirt }] }), 400);
    await expectRefused(await buyer.pay({ items: [] }), 400);
    await expectRefused(await buyer.pay({ items: [{ priceId: merchant.prices.shirt }, { priceId: merchant.prices.shirt }] }), 400, /once/);
    await expectRefused(await buyer.pay({ idempotencyKey: 'short', items: [{ priceId: merchant.prices.shirt }] }), 400);
    await expectRefused(await buyer.pay({ provider: 'bitcoin', items: [{ priceId: merchant.prices.shirt }] }), 400);
    // PayPal is not connected for this merchant: refused in words, nothing stored.
    const before = await count();
    await expectRefused(await buyer.pay({ provider: 'paypal', items: [{ priceId: merchant.prices.shirt }] }), 503, /This form does not take payments with PayPal/);
    expect(await count()).toBe(before);
  });

  it('a form limited to allowed domains refuses other origins and says so in its config', async () => {
    const limited = await createMerchant(world.t, { allowedDomains: ['https://shop.example.com'] });
    const limitedBuyer = new Buyer(world, limited);
    const fromShop = (await limitedBuyer.config(undefined, { origin: 'https://shop.example.com' })).json();
    expect(fromShop).toMatchObject({ available: true, message: null });
    const elsewhere = (await limitedBuyer.config(undefined, { origin: 'https://evil.example' })).json();
    expect(elsewhere).toMatchObject({ available: false, message: 'This payment form cannot be used on this website.' });
    const refused = await limitedBuyer.pay({ items: [{ priceId: limited.prices.shirt }] }, { headers: { origin: 'https://evil.example' } });
    expect(refused.statusCode).toBe(403);
    const allowed = await limitedBuyer.pay({ items: [{ priceId: limited.prices.shirt }] }, { headers: { origin: 'https://shop.example.com' } });
    expect(allowed.statusCode).toBe(201);
  });

  it('an archived form says it is unavailable and takes no payment', async () => {
    const closing = await createMerchant(world.t);
    const res = await closing.client.request('POST', `/api/v1/forms/${closing.formId}/archive`, {});
    expect(res.statusCode, res.body).toBe(200);
    const closingBuyer = new Buyer(world, closing);
    expect((await closingBuyer.config()).json()).toMatchObject({ available: false, message: 'This payment form is no longer available.' });
    const refused = await closingBuyer.pay({ items: [{ priceId: closing.prices.shirt }] });
    expect(refused.statusCode).toBe(503);
  });
});
