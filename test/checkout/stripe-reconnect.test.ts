import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drivers } from '../helpers/databases.js';
import { Buyer, createMerchant, startCheckoutWorld, type CheckoutWorld, type Merchant } from '../helpers/checkout.js';

/** Issue 11, Low 11: customers are per Stripe account; a returning buyer still pays after the merchant switches accounts. */
describe.each(drivers)('a returning buyer after the merchant reconnects Stripe to another account (%s)', (driver) => {
  let world: CheckoutWorld;
  let merchant: Merchant;
  beforeAll(async () => {
    world = await startCheckoutWorld(driver);
    merchant = await createMerchant(world.t);
  }, 60_000);
  afterAll(() => world?.close());

  const customerOf = async (email: string) =>
    (await world.t.ctx.database.query<{ id: string | null }>(
      `SELECT pc.customer_id AS id FROM contacts c LEFT JOIN provider_customers pc ON pc.contact_id = c.id AND pc.provider = 'stripe' WHERE c.account_id = $1 AND c.email = $2`,
      [merchant.accountId, email],
    )).rows[0]!.id;

  it('gets a customer in the new Stripe account and pays', async () => {
    const buyer = new Buyer(world, merchant, '203.0.113.50');
    expect((await buyer.buy('pm_card_visa')).completed.status).toBe('succeeded');
    const before = await customerOf('ada@example.com');
    expect(before).toMatch(/^cus_/);

    // A new sandbox Stripe account for test mode: the stored customer does not exist there.
    const reconnected = await merchant.client.request('POST', '/api/v1/connections/stripe/test/sandbox', {});
    expect(reconnected.statusCode).toBeLessThan(300);

    const again = await buyer.buy('pm_card_visa');
    expect(again.completed.status).toBe('succeeded');
    const after = await customerOf('ada@example.com');
    expect(after).toMatch(/^cus_/);
    expect(after).not.toBe(before);
  });
});
