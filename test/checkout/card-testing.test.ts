import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadStripeConnection } from '../../src/providers/stripe/load-stripe-connection.js';
import { drivers } from '../helpers/databases.js';
import { Buyer, createMerchant, newIdempotencyKey, startCheckoutWorld, type CheckoutWorld, type Merchant } from '../helpers/checkout.js';

describe.each(drivers)('card-testing defences (%s)', (driver) => {
  let world: CheckoutWorld;
  let merchant: Merchant;
  beforeAll(async () => {
    world = await startCheckoutWorld(driver, { CHECKOUT_PAYMENTS_PER_IP: '4', CHECKOUT_PAYMENTS_PER_ACCOUNT: '7', CHECKOUT_DECLINES_PER_IP: '3', CHECKOUT_COMPLETES_PER_IP: '40' });
    merchant = await createMerchant(world.t);
  }, 60_000);
  afterAll(() => world?.close());

  const order = (m: Merchant) => ({ items: [{ priceId: m.prices.sticker }] });

  /** A buyer who pays: create, confirm with a good card, complete. */
  async function paid(buyer: Buyer, m: Merchant) {
    const res = await buyer.pay(order(m));
    if (res.statusCode !== 201) return res;
    const payment = res.json();
    await buyer.confirm(payment.stripe.clientSecret, payment.stripe.publishableKey, 'pm_card_visa');
    expect((await buyer.complete(payment.id)).json().status).toBe('succeeded');
    return res;
  }

  it('limits new payments per IP (replays of a known key do not count), with 429 and Retry-After', async () => {
    const buyer = new Buyer(world, merchant, '198.51.100.1');
    const first = { ...order(merchant), idempotencyKey: newIdempotencyKey() };
    const created = await buyer.pay(first);
    expect(created.statusCode).toBe(201);
    await buyer.confirm(created.json().stripe.clientSecret, created.json().stripe.publishableKey, 'pm_card_visa');
    await buyer.complete(created.json().id);
    for (let i = 0; i < 3; i++) expect((await paid(buyer, merchant)).statusCode).toBe(201);
    const replay = await buyer.pay(first);
    expect(replay.statusCode).toBe(200);
    expect(replay.json().id).toBe(created.json().id);
    const limited = await buyer.pay(order(merchant));
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error).toMatchObject({ code: 'rate_limited', message: expect.stringMatching(/Too many payment attempts from this network/) });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json().error.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('caps the unfinished or declined payments one IP may hold at a merchant', async () => {
    const fresh = await createMerchant(world.t);
    const opener = new Buyer(world, fresh, '198.51.100.3');
    for (let i = 0; i < 3; i++) expect((await opener.pay(order(fresh))).statusCode).toBe(201);
    const refused = await opener.pay(order(fresh));
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.message).toMatch(/Too many unfinished or declined payments from this network/);
  });

  it('the account limit counts unfinished payments, not buyers who paid: paying buyers never use it up', async () => {
    const fresh = await createMerchant(world.t);
    // Seven paid payments from four IPs (the per-IP limit is 4) leave the account open.
    for (let i = 0; i < 7; i++) expect((await paid(new Buyer(world, fresh, `198.51.101.${Math.floor(i / 3)}`), fresh)).statusCode).toBe(201);
    // Seven abandoned ones (three IPs, three each at most) reach it: the next buyer is refused.
    for (let i = 0; i < 7; i++) expect((await new Buyer(world, fresh, `198.51.102.${Math.floor(i / 3)}`).pay(order(fresh))).statusCode).toBe(201);
    const accountLimited = await new Buyer(world, fresh, '198.51.103.1').pay(order(fresh));
    expect(accountLimited.statusCode).toBe(429);
    expect(accountLimited.json().error.message).toMatch(/This merchant is receiving too many payment attempts/);
  });

  it('decides each limit atomically: a concurrent burst never passes more than the limit', async () => {
    const fresh = await createMerchant(world.t);
    const fromOneIp = await Promise.all(Array.from({ length: 12 }, () => new Buyer(world, fresh, '198.51.104.1').pay(order(fresh))));
    expect(fromOneIp.filter((r) => r.statusCode === 201)).toHaveLength(3);
    expect(fromOneIp.filter((r) => r.statusCode === 429)).toHaveLength(9);

    const other = await createMerchant(world.t);
    const fromManyIps = await Promise.all(Array.from({ length: 20 }, (_, i) => new Buyer(world, other, `198.51.105.${i}`).pay(order(other))));
    expect(fromManyIps.filter((r) => r.statusCode === 201)).toHaveLength(7);
    expect(fromManyIps.filter((r) => r.statusCode === 429)).toHaveLength(13);
    const { rows } = await world.t.ctx.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM transactions WHERE account_id = $1`, [other.accountId]);
    expect(rows[0]!.n).toBe(7);
  });

  it('complete reads Stripe at most once per payment every few seconds, however many calls arrive', async () => {
    const fresh = await createMerchant(world.t);
    const buyer = new Buyer(world, fresh, '198.51.106.1');
    const payment = (await buyer.pay(order(fresh))).json();
    const piId = payment.stripe.clientSecret.split('_secret_')[0];
    let reads = 0;
    const count = (req: { method?: string; url?: string }) => {
      if (req.method === 'GET' && req.url?.startsWith(`/v1/payment_intents/${piId}`)) reads++;
    };
    world.sandbox.apps.stripe.server.on('request', count);
    try {
      const calls = await Promise.all(Array.from({ length: 30 }, () => buyer.complete(payment.id)));
      expect(calls.every((r) => r.statusCode === 200 && r.json().status === 'pending')).toBe(true);
    } finally {
      world.sandbox.apps.stripe.server.off('request', count);
    }
    expect(reads).toBeGreaterThanOrEqual(1);
    expect(reads).toBeLessThanOrEqual(2);
  });

  it('limits complete calls per IP', async () => {
    const fresh = await createMerchant(world.t);
    const buyer = new Buyer(world, fresh, '198.51.107.1');
    const res = await paid(buyer, fresh);
    const statuses = [];
    // One complete was spent by paying; a succeeded payment is answered from the database.
    for (let i = 0; i < 40; i++) statuses.push((await buyer.complete(res.json().id)).statusCode);
    expect(statuses.slice(0, 39).every((s) => s === 200)).toBe(true);
    expect(statuses[39]).toBe(429);
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
