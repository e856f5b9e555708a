import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drivers } from '../helpers/databases.js';
import { Buyer, createMerchant, startCheckoutWorld, type CheckoutWorld, type Merchant } from '../helpers/checkout.js';

describe.each(drivers)('public payment API: pay by card (%s)', (driver) => {
  let world: CheckoutWorld;
  let merchant: Merchant;
  let buyer: Buyer;
  beforeAll(async () => {
    world = await startCheckoutWorld(driver);
    merchant = await createMerchant(world.t);
    buyer = new Buyer(world, merchant);
  }, 60_000);
  afterAll(() => world?.close());

  const stored = async (paymentId: string) =>
    (await world.t.ctx.database.query<Record<string, unknown>>(`SELECT * FROM transactions WHERE id = $1`, [paymentId])).rows[0];

  it('serves the form config with what the widget needs and nothing secret', async () => {
    const res = await buyer.config();
    expect(res.statusCode).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    const config = res.json();
    expect(config).toMatchObject({
      object: 'form_config',
      accountId: merchant.accountId,
      formId: merchant.formId,
      mode: 'test',
      currency: 'usd',
      selection: 'pick_many',
      hubspot: null,
      successMessage: 'Thank you!',
      available: true,
      message: null,
      providers: { stripe: { jsUrl: `${world.sandbox.urls.stripe}/v3/` }, paypal: null },
    });
    expect(config.providers.stripe.publishableKey).toMatch(/^pk_test_/);
    expect(config.items.map((i: { productName: string }) => i.productName)).toEqual(['T-shirt', 'Sticker pack', 'Donation']);
    expect(JSON.stringify(config)).not.toMatch(/sk_test_|whsec_|rk_test_/);
  });

  it('takes a card payment: pending before Stripe, succeeded after complete, priced on the server', async () => {
    const created = await buyer.pay({
      items: [
        { priceId: merchant.prices.shirt, quantity: 2 },
        { priceId: merchant.prices.donation, amount: 1234 },
      ],
      hubspotFields: { company: 'Analytical Engines' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const payment = created.json();
    expect(payment).toMatchObject({ object: 'payment', status: 'pending', amount: 2 * 2500 + 1234, currency: 'usd', provider: 'stripe' });
    expect(payment.id).toMatch(/^pay_[0-9A-Za-z]{24}$/);
    expect(payment.stripe.clientSecret).toMatch(/^pi_.+_secret_/);

    const before = await stored(payment.id);
    expect(before).toMatchObject({ status: 'pending', amount: 6234, currency: 'usd', description: '2 × T-shirt, Donation', client_ip: '203.0.113.7' });
    expect(before!.hubspot_fields).toEqual({ company: 'Analytical Engines' });

    const confirmed = await buyer.confirm(payment.stripe.clientSecret, payment.stripe.publishableKey, 'pm_card_visa');
    expect(confirmed.body.status).toBe('succeeded');
    const completed = (await buyer.complete(payment.id)).json();
    expect(completed).toEqual({
      object: 'payment',
      id: payment.id,
      status: 'succeeded',
      amount: 6234,
      currency: 'usd',
      provider: 'stripe',
      failureMessage: null,
      failureCode: null,
      successMessage: 'Thank you!',
      redirectUrl: null,
    });
    const after = await stored(payment.id);
    expect(after).toMatchObject({ status: 'succeeded', amount_refunded: 0 });
    expect(after!.provider_payment_id).toBe(payment.stripe.clientSecret.split('_secret_')[0]);
    expect(after!.provider_charge_id).toMatch(/^ch_/);

    const { rows: items } = await world.t.ctx.database.query(
      `SELECT product_name, quantity, unit_amount, amount FROM transaction_items WHERE transaction_id = $1 ORDER BY position`,
      [payment.id],
    );
    expect(items).toEqual([
      { product_name: 'T-shirt', quantity: 2, unit_amount: 2500, amount: 5000 },
      { product_name: 'Donation', quantity: 1, unit_amount: 1234, amount: 1234 },
    ]);
    const { rows: contacts } = await world.t.ctx.database.query<Record<string, unknown>>(
      `SELECT email, first_name, last_name, payments_count, lifetime_value, pc.customer_id AS stripe_customer_id, last_purchase_at
         FROM contacts c LEFT JOIN provider_customers pc ON pc.contact_id = c.id AND pc.provider = 'stripe' WHERE c.account_id = $1`,
      [merchant.accountId],
    );
    expect(contacts).toHaveLength(1);
    expect(contacts[0]).toMatchObject({ email: 'ada@example.com', first_name: 'Ada', last_name: 'Lovelace', payments_count: 1, lifetime_value: { usd: 6234 } });
    expect(contacts[0]!.stripe_customer_id).toMatch(/^cus_/);
    const { rows: jobs } = await world.t.ctx.database.query<{ data: { status: string } }>(`SELECT data FROM pgboss.job WHERE name = 'hubspot-sync' AND data->>'transactionId' = $1`, [payment.id]);
    expect(jobs.map((j) => j.data.status)).toEqual(['succeeded']);
  });
});
