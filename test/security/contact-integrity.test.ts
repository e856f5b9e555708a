import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drivers } from '../helpers/databases.js';
import { Buyer, createMerchant, startCheckoutWorld, type CheckoutWorld, type Merchant } from '../helpers/checkout.js';

/** Issue 11, Medium 4: what a buyer typed belongs to that payment; only a paid payment changes the contact. */
describe.each(drivers)("a stranger cannot rewrite a buyer's contact (%s)", (driver) => {
  let world: CheckoutWorld;
  let merchant: Merchant;
  beforeAll(async () => {
    world = await startCheckoutWorld(driver);
    merchant = await createMerchant(world.t);
  }, 60_000);
  afterAll(() => world?.close());

  const contactOf = async (email: string) =>
    (
      await world.t.ctx.database.query<{ first_name: string; last_name: string; phone: string }>(
        `SELECT first_name, last_name, phone FROM contacts WHERE account_id = $1 AND email = $2`,
        [merchant.accountId, email],
      )
    ).rows[0];

  async function attempt(ip: string, contact: Record<string, string>, card: string | null) {
    const buyer = new Buyer(world, merchant, ip);
    const created = await buyer.pay({ items: [{ priceId: merchant.prices.sticker }], contact });
    expect(created.statusCode).toBe(201);
    const payment = created.json();
    if (card) await buyer.confirm(payment.stripe.clientSecret, payment.stripe.publishableKey, card);
    return (await buyer.complete(payment.id)).json().status as string;
  }

  it('keeps the paying buyer’s details through failed and unfinished attempts with their email', async () => {
    const email = 'grace@example.com';
    expect(await attempt('203.0.113.20', { email, firstName: 'Grace', lastName: 'Hopper', phone: '+1 202 555 0101' }, 'pm_card_visa')).toBe('succeeded');
    expect(await contactOf(email)).toEqual({ first_name: 'Grace', last_name: 'Hopper', phone: '+1 202 555 0101' });

    expect(await attempt('203.0.113.21', { email, firstName: 'Mallory', lastName: 'Evil', phone: '+1 202 555 0199' }, 'pm_card_chargeDeclined')).toBe('failed');
    expect(await attempt('203.0.113.22', { email, firstName: 'Mallory', lastName: 'Again', phone: '+1 202 555 0198' }, null)).toBe('pending');
    expect(await contactOf(email)).toEqual({ first_name: 'Grace', last_name: 'Hopper', phone: '+1 202 555 0101' });

    // Each payment keeps what its buyer typed.
    const { rows } = await world.t.ctx.database.query<{ buyer_first_name: string; status: string }>(
      `SELECT buyer_first_name, status FROM transactions WHERE account_id = $1 ORDER BY created_at`,
      [merchant.accountId],
    );
    expect(rows.map((r) => [r.buyer_first_name, r.status])).toEqual([
      ['Grace', 'succeeded'],
      ['Mallory', 'failed'],
      ['Mallory', 'pending'],
    ]);

    // A later payment that succeeds does update the contact.
    expect(await attempt('203.0.113.23', { email, firstName: 'Grace', lastName: 'Murray Hopper' }, 'pm_card_visa')).toBe('succeeded');
    expect(await contactOf(email)).toEqual({ first_name: 'Grace', last_name: 'Murray Hopper', phone: '+1 202 555 0101' });
  });
});
