import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadStripeConnection } from '../../src/providers/stripe/load-stripe-connection.js';
import { drivers } from '../helpers/databases.js';
import { Buyer, createMerchant, startCheckoutWorld, type CheckoutWorld, type Merchant } from '../helpers/checkout.js';

describe.each(drivers)('card-testing defences (%s)', (driver) => {
  let world: CheckoutWorld;
  let merchant: Merchant;
  beforeAll(async () => {
    world = await startCheckoutWorld(driver, { CHECKOUT_PAYMENTS_PER_IP: '4', CHECKOUT_PAYMENTS_PER_ACCOUNT: '7', CHECKOUT_DECLINES_PER_IP: '3' });
    merchant = await createMerchant(world.t);
  }, 60_000);
  afterAll(() => world?.close());

  const order = (m: Merchant) => ({ items: [{ priceId: m.prices.sticker }] });

  it('limits new payments per IP (replays of a known key do not count) and per account, with 429 and Retry-After', async () => {
    const buyer = new Buyer(world, merchant, '198.51.100.1');
    const first = (await buyer.pay(order(merchant))).json();
    for (let i = 0; i < 3; i++) expect((await buyer.pay(order(merchant))).statusCode).toBe(201);
    const limited = await buyer.pay(order(merchant));
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error).toMatchObject({ code: 'rate_limited', message: expect.stringMatching(/Too many payment attempts from this network/) });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json().error.retryAfterSeconds).toBeGreaterThan(0);

    // Another IP still pays, until the account's own limit (7) is reached.
    const second = new Buyer(world, merchant, '198.51.100.2');
    for (let i = 0; i < 3; i++) expect((await second.pay(order(merchant))).statusCode).toBe(201);
    const accountLimited = await second.pay(order(merchant));
    expect(accountLimited.statusCode).toBe(429);
    expect(accountLimited.json().error.message).toMatch(/This merchant is receiving too many payment attempts/);
    expect(first.id).toMatch(/^pay_/);
  });

  it('a burst of declines from one IP blocks it and cancels the payment it was testing cards on', async () => {
    const fresh = await createMerchant(world.t);
    const tester = new Buyer(world, fresh, '192.0.2.66');
    const payment = (await tester.pay(order(fresh))).json();
    const cards = ['pm_card_chargeDeclined', 'pm_card_chargeDeclinedInsufficientFunds', 'pm_card_chargeDeclinedLostCard'];
    for (const card of cards) {
      await tester.confirm(payment.stripe.clientSecret, payment.stripe.publishableKey, card);
      await tester.complete(payment.id);
    }
    // The third decline (seen by complete or by the webhook, whichever came first) canceled the PaymentIntent.
    expect((await tester.complete(payment.id)).json().status).toBe('canceled');
    const stripe = (await loadStripeConnection(world.t.ctx, fresh.accountId, 'test'))!.client;
    const pi = await stripe.paymentIntents.retrieve(payment.stripe.clientSecret.split('_secret_')[0]);
    expect(pi.status).toBe('canceled');
    // The next card on the same page fails at Stripe, and the IP cannot start a new payment.
    const again = await tester.confirm(payment.stripe.clientSecret, payment.stripe.publishableKey, 'pm_card_visa');
    expect(again.status).toBeGreaterThanOrEqual(400);
    const blocked = await tester.pay(order(fresh));
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.message).toMatch(/Too many declined payments from this network/);
    // Completing the same decline twice counts it once: another IP with two declines is not blocked.
    const honest = new Buyer(world, fresh, '192.0.2.67');
    const p2 = (await honest.pay(order(fresh))).json();
    await honest.confirm(p2.stripe.clientSecret, p2.stripe.publishableKey, 'pm_card_chargeDeclined');
    for (let i = 0; i < 3; i++) await honest.complete(p2.id);
    expect((await honest.pay(order(fresh))).statusCode).toBe(201);
  });
});
