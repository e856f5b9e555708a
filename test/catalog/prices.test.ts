import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drivers } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/harness.js';
import { createTeam, type Team } from '../helpers/team.js';

describe.each(drivers)('catalog: prices (%s)', (driver) => {
  let t: TestApp;
  let team: Team;
  let productId: string;
  beforeAll(async () => {
    t = await startTestApp(driver);
    team = await createTeam(t.app, 'price');
    productId = (await team.admin.request('POST', '/api/v1/products', { name: 'Ticket' })).json().id;
  });
  afterAll(() => t.close());

  const create = (body: Record<string, unknown>, client = team.admin) => client.request('POST', '/api/v1/prices', { productId, ...body });
  const expectInvalid = async (body: Record<string, unknown>, message: RegExp) => {
    const res = await create(body);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    expect(res.json().error.message).toMatch(message);
  };

  it('a fixed price in integer minor units, currency stored lowercase, quantity off by default', async () => {
    const res = await create({ type: 'fixed', currency: 'USD', unitAmount: 1250, nickname: 'Early bird' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      object: 'price',
      productId,
      type: 'fixed',
      currency: 'usd',
      unitAmount: 1250,
      maxQuantity: 1,
      minAmount: null,
      maxAmount: null,
      nickname: 'Early bird',
      display: '$12.50',
      archived: false,
      mode: 'test',
    });
    expect(res.json().id).toMatch(/^price_[0-9A-Za-z]{24}$/);
  });

  it('JPY is zero-decimal: ¥500 is stored as 500', async () => {
    const res = await create({ type: 'fixed', currency: 'jpy', unitAmount: 500, maxQuantity: 10 });
    expect(res.json()).toMatchObject({ currency: 'jpy', unitAmount: 500, maxQuantity: 10, display: '¥500' });
  });

  it('BHD is three-decimal: 1.500 BHD is stored as 1500', async () => {
    const res = await create({ type: 'fixed', currency: 'bhd', unitAmount: 1500 });
    expect(res.json().unitAmount).toBe(1500);
    expect(res.json().display).toMatch(/1\.500/);
  });

  it('a custom price defaults its bounds to one whole unit and the largest amount', async () => {
    const usd = (await create({ type: 'custom', currency: 'usd' })).json();
    expect(usd).toMatchObject({ type: 'custom', unitAmount: null, maxQuantity: 1, minAmount: 100, maxAmount: 99_999_999 });
    const jpy = (await create({ type: 'custom', currency: 'jpy' })).json();
    expect(jpy).toMatchObject({ minAmount: 1, maxAmount: 99_999_999 });
    const bounded = (await create({ type: 'custom', currency: 'eur', minAmount: 500, maxAmount: 50_000 })).json();
    expect(bounded).toMatchObject({ minAmount: 500, maxAmount: 50_000 });
  });

  it('refuses unknown currencies with a clear message', async () => {
    await expectInvalid({ type: 'fixed', currency: 'xyz', unitAmount: 100 }, /Unknown currency 'xyz'.*ISO 4217/);
    await expectInvalid({ type: 'fixed', currency: 'dollars', unitAmount: 100 }, /currency/);
  });

  it('refuses zero, negative, fractional and oversized amounts', async () => {
    await expectInvalid({ type: 'fixed', currency: 'usd', unitAmount: 0 }, /unitAmount/);
    await expectInvalid({ type: 'fixed', currency: 'usd', unitAmount: -100 }, /unitAmount/);
    await expectInvalid({ type: 'fixed', currency: 'usd', unitAmount: 12.5 }, /unitAmount/);
    await expectInvalid({ type: 'fixed', currency: 'usd', unitAmount: 100_000_000 }, /unitAmount/);
    await expectInvalid({ type: 'fixed', currency: 'usd', unitAmount: '100' }, /unitAmount/);
    await expectInvalid({ type: 'custom', currency: 'usd', minAmount: 0 }, /minAmount/);
  });

  it('refuses inconsistent price shapes', async () => {
    await expectInvalid({ type: 'fixed', currency: 'usd' }, /needs a unitAmount/);
    await expectInvalid({ type: 'fixed', currency: 'usd', unitAmount: 100, minAmount: 50 }, /custom prices only/);
    await expectInvalid({ type: 'fixed', currency: 'usd', unitAmount: 100, maxQuantity: 1000 }, /maxQuantity/);
    await expectInvalid({ type: 'custom', currency: 'usd', minAmount: 5000, maxAmount: 1000 }, /minAmount \(\$50\.00\) is more than maxAmount \(\$10\.00\)/);
    await expectInvalid({ type: 'custom', currency: 'usd', unitAmount: 100 }, /no unitAmount/);
    await expectInvalid({ type: 'custom', currency: 'usd', maxQuantity: 3 }, /no quantity/);
    await expectInvalid({ type: 'subscription', currency: 'usd', unitAmount: 100 }, /type/);
  });

  it('updates amounts and label but keeps type and currency', async () => {
    const price = (await create({ type: 'fixed', currency: 'usd', unitAmount: 100 })).json();
    const res = await team.admin.request('PATCH', `/api/v1/prices/${price.id}`, { unitAmount: 200, maxQuantity: 5, nickname: 'Bulk' });
    expect(res.json()).toMatchObject({ unitAmount: 200, maxQuantity: 5, nickname: 'Bulk', currency: 'usd' });
    expect((await team.admin.request('PATCH', `/api/v1/prices/${price.id}`, { currency: 'eur' })).statusCode).toBe(400);
    expect((await team.admin.request('PATCH', `/api/v1/prices/${price.id}`, { minAmount: 5 })).statusCode).toBe(400);
    const custom = (await create({ type: 'custom', currency: 'usd', minAmount: 100, maxAmount: 1000 })).json();
    const narrowed = await team.admin.request('PATCH', `/api/v1/prices/${custom.id}`, { maxAmount: 50 });
    expect(narrowed.statusCode).toBe(400);
    expect(narrowed.json().error.message).toMatch(/more than maxAmount/);
  });

  it('archived prices and prices of archived products: archive is idempotent; no new prices on an archived product', async () => {
    const product = (await team.admin.request('POST', '/api/v1/products', { name: 'Retired' })).json();
    const price = (await team.admin.request('POST', '/api/v1/prices', { productId: product.id, type: 'fixed', currency: 'usd', unitAmount: 100 })).json();
    expect((await team.admin.request('POST', `/api/v1/prices/${price.id}/archive`, {})).json().archived).toBe(true);
    expect((await team.admin.request('POST', `/api/v1/prices/${price.id}/archive`, {})).json().archived).toBe(true);
    await team.admin.request('POST', `/api/v1/products/${product.id}/archive`, {});
    const refused = await team.admin.request('POST', '/api/v1/prices', { productId: product.id, type: 'fixed', currency: 'usd', unitAmount: 100 });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toMatch(/archived/);
  });

  it('lists by product and archived, with pagination', async () => {
    const product = (await team.admin.request('POST', '/api/v1/products', { name: 'Listed' })).json();
    const ids: string[] = [];
    for (const amount of [100, 200, 300]) {
      ids.push((await team.admin.request('POST', '/api/v1/prices', { productId: product.id, type: 'fixed', currency: 'eur', unitAmount: amount })).json().id);
    }
    await team.admin.request('POST', `/api/v1/prices/${ids[0]}/archive`, {});
    const first = (await team.viewer.request('GET', `/api/v1/prices?productId=${product.id}&limit=2`)).json();
    expect(first.data.map((p: { id: string }) => p.id)).toEqual([ids[2], ids[1]]);
    const second = (await team.viewer.request('GET', `/api/v1/prices?productId=${product.id}&limit=2&cursor=${first.nextCursor}`)).json();
    expect(second).toMatchObject({ data: [{ id: ids[0] }], nextCursor: null });
    const active = (await team.viewer.request('GET', `/api/v1/prices?productId=${product.id}&archived=false`)).json().data;
    expect(active.map((p: { id: string }) => p.id)).toEqual([ids[2], ids[1]]);
    const eur = (await team.viewer.request('GET', `/api/v1/prices?currency=EUR&limit=100`)).json().data as { currency: string }[];
    expect(eur.length).toBeGreaterThanOrEqual(3);
    expect(eur.every((p) => p.currency === 'eur')).toBe(true);
  });

  it('a viewer cannot write prices', async () => {
    const price = (await create({ type: 'fixed', currency: 'usd', unitAmount: 100 })).json();
    expect((await create({ type: 'fixed', currency: 'usd', unitAmount: 100 }, team.viewer)).statusCode).toBe(403);
    expect((await team.viewer.request('PATCH', `/api/v1/prices/${price.id}`, { unitAmount: 1 })).statusCode).toBe(403);
    expect((await team.viewer.request('POST', `/api/v1/prices/${price.id}/archive`, {})).statusCode).toBe(403);
    expect((await team.viewer.request('GET', `/api/v1/prices/${price.id}`)).json().unitAmount).toBe(100);
  });

  it("cannot price another account's product, nor a test-mode product from live mode", async () => {
    const other = await createTeam(t.app, 'thief');
    const foreign = await other.admin.request('POST', '/api/v1/prices', { productId, type: 'fixed', currency: 'usd', unitAmount: 100 });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.code).toBe('not_found');

    const fresh = await createTeam(t.app, 'pmode');
    const testProduct = (await fresh.owner.request('POST', '/api/v1/products', { name: 'T' })).json();
    const testPrice = (await fresh.owner.request('POST', '/api/v1/prices', { productId: testProduct.id, type: 'fixed', currency: 'usd', unitAmount: 100 })).json();
    await fresh.owner.request('PUT', '/api/v1/me/mode', { mode: 'live' });
    expect((await fresh.owner.request('POST', '/api/v1/prices', { productId: testProduct.id, type: 'fixed', currency: 'usd', unitAmount: 100 })).statusCode).toBe(404);
    expect((await fresh.owner.request('GET', `/api/v1/prices/${testPrice.id}`)).statusCode).toBe(404);
    expect((await fresh.owner.request('GET', '/api/v1/prices')).json().data).toEqual([]);
  });
});
