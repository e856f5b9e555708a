import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { containsCardNumber } from '../../src/platform/logging/redact.js';
import { drivers } from '../helpers/databases.js';
import { Buyer, createMerchant, startCheckoutWorld, type CheckoutWorld } from '../helpers/checkout.js';

/** Card numbers the flows below use or try to smuggle in. */
const pans = ['4242424242424242', '4000000000000002', '4000002760003184', '5555555555554444', '378282246310005'];

describe.each(drivers)('no card number is ever stored or logged (%s)', (driver) => {
  let world: CheckoutWorld;
  beforeAll(async () => {
    world = await startCheckoutWorld(driver);
    const merchant = await createMerchant(world.t);
    const buyer = new Buyer(world, merchant);
    // Payments through every path: success, decline then success, 3-D Secure, refund by webhook.
    await buyer.buy('pm_card_visa');
    const declined = await buyer.buy('pm_card_chargeDeclined');
    await buyer.confirm(declined.payment.stripe.clientSecret, declined.payment.stripe.publishableKey, 'pm_card_mastercard');
    await buyer.complete(declined.payment.id);
    const secure = await buyer.buy('pm_card_authenticationRequired');
    await buyer.threeDSecure(secure.payment.stripe.clientSecret, 'succeed');
    await buyer.complete(secure.payment.id);
    // And every way a careless client could send card data to us.
    for (const pan of pans) {
      await buyer.pay({ items: [{ priceId: merchant.prices.shirt }], card: { number: pan, cvc: '123', exp_month: 1, exp_year: 2031 } });
      await buyer.pay({ items: [{ priceId: merchant.prices.shirt }], hubspotFields: { message: `card ${pan.replace(/(\d{4})/g, '$1 ')}` } });
      await buyer.pay({ items: [{ priceId: merchant.prices.shirt }], contact: { email: 'ada@example.com', lastName: pan } });
      // Disguised: other separators, invisible characters, full-width digits, split over two fields.
      await buyer.pay({ items: [{ priceId: merchant.prices.shirt }], hubspotFields: { a: pan.replace(/(\d{4})(?=\d)/g, '$1.'), b: [...pan].join('\u200b') } });
      await buyer.pay({ items: [{ priceId: merchant.prices.shirt }], hubspotFields: { c: pan.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))) } });
      await buyer.pay({ items: [{ priceId: merchant.prices.shirt }], contact: { email: 'ada@example.com', firstName: pan.slice(0, 8), lastName: pan.slice(8) } });
    }
    await world.t.app.inject({ method: 'POST', url: `/api/public/v1/accounts/${merchant.accountId}/forms/${merchant.formId}/payments?number=${pans[0]}`, payload: {} });
  }, 120_000);
  afterAll(() => world?.close());

  it('in any row of any table', async () => {
    const db = world.t.ctx.database;
    const { rows: tables } = await db.query<{ schema: string; name: string }>(
      `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
        WHERE table_schema IN ('public', 'pgboss') AND table_type = 'BASE TABLE'`,
    );
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['transactions', 'contacts', 'transaction_items', 'job']));
    let rowsSeen = 0;
    for (const { schema, name } of tables) {
      const { rows } = await db.query<{ row: string }>(`SELECT row_to_json(t)::text AS row FROM "${schema}"."${name}" t`);
      rowsSeen += rows.length;
      for (const { row } of rows) {
        // Ids and digests we write in hex (32-hex account ids, SHA-256 of session ids) hold a Luhn-valid
        // run of 13+ digits by chance (about 1 in 200 digests): they are not card data, so they are left out.
        const withoutHex = row.replace(/(?<![0-9A-Za-z])(?=[0-9a-f]*[a-f])[0-9a-f]{32,}(?![0-9A-Za-z])/g, '<hex>');
        expect(containsCardNumber(withoutHex), `${schema}.${name}: ${row.slice(0, 200)}`).toBe(false);
        for (const pan of pans) expect(row.includes(pan), `${schema}.${name}`).toBe(false);
      }
    }
    expect(rowsSeen).toBeGreaterThan(20);
  });

  it('in any log line', () => {
    expect(world.t.logs.length).toBeGreaterThan(20);
    for (const line of world.t.logs) {
      // pino's own numbers (epoch milliseconds, durations) can be 13 digits that pass a Luhn check: they are not card data.
      const { time: _time, responseTime: _rt, ...logged } = JSON.parse(line) as Record<string, unknown>;
      expect(containsCardNumber(JSON.stringify(logged)), line.slice(0, 300)).toBe(false);
      for (const pan of pans) expect(line.includes(pan)).toBe(false);
    }
  });
});
