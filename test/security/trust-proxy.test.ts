import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drivers } from '../helpers/databases.js';
import { Buyer, createMerchant, startCheckoutWorld, type CheckoutWorld, type Merchant } from '../helpers/checkout.js';
import { TestClient, uniqueEmail } from '../helpers/harness.js';

const proxy = '127.0.0.1';
const client = '198.51.100.9';
/** What a client writes itself in X-Forwarded-For; one trusted proxy then appends the address it saw. */
const forged = () => `${crypto.randomInt(1, 223)}.${crypto.randomInt(256)}.${crypto.randomInt(256)}.${crypto.randomInt(1, 255)}`;
const viaProxy = () => ({ 'x-forwarded-for': `${forged()}, ${forged()}, ${client}` });

/** Issue 11, High 2: behind one proxy (TRUST_PROXY=1) the client IP is what the proxy saw, whatever the client writes. */
describe.each(drivers)('TRUST_PROXY=1: forged X-Forwarded-For moves no limit (%s)', (driver) => {
  let world: CheckoutWorld;
  let merchant: Merchant;
  beforeAll(async () => {
    world = await startCheckoutWorld(driver, { TRUST_PROXY: '1', CHECKOUT_PAYMENTS_PER_IP: '3' });
    merchant = await createMerchant(world.t);
  }, 60_000);
  afterAll(() => world?.close());

  it('counts new payments against the proxy-seen address', async () => {
    const buyer = new Buyer(world, merchant, proxy);
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await buyer.pay({ items: [{ priceId: merchant.prices.sticker }] }, { headers: viaProxy() })).statusCode);
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
    const { rows } = await world.t.ctx.database.query<{ client_ip: string }>(`SELECT DISTINCT client_ip FROM transactions WHERE account_id = $1`, [merchant.accountId]);
    expect(rows).toEqual([{ client_ip: client }]);
  });

  it('counts failed sign-ins against the proxy-seen address, and audits that address', async () => {
    const email = uniqueEmail('proxied');
    const owner = new TestClient(world.t.app);
    owner.ip = proxy;
    owner.origin = world.baseUrl;
    await owner.fetchCsrf();
    expect((await owner.request('POST', '/api/v1/auth/signup', { email, password: 'correct horse battery' }, viaProxy())).statusCode).toBe(202);

    // 30 failures per IP, each with a new forged address and a new email: the 31st attempt is refused.
    const statuses = [];
    for (let i = 0; i < 31; i++) {
      const guesser = new TestClient(world.t.app);
      guesser.ip = proxy;
      guesser.origin = world.baseUrl;
      await guesser.fetchCsrf();
      statuses.push((await guesser.request('POST', '/api/v1/auth/login', { email: uniqueEmail('guess'), password: 'wrong password!!' }, viaProxy())).statusCode);
    }
    expect(statuses.filter((s) => s === 401)).toHaveLength(30);
    expect(statuses.at(-1)).toBe(429);

    const { rows } = await world.t.ctx.database.query<{ ip: string }>(`SELECT DISTINCT ip FROM audit_log WHERE target = $1`, [email]);
    expect(rows).toEqual([{ ip: client }]);
  });
});
