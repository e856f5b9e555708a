import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drivers } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/harness.js';
import { createTeam, type Team } from '../helpers/team.js';

describe.each(drivers)('catalog: products (%s)', (driver) => {
  let t: TestApp;
  let team: Team;
  beforeAll(async () => {
    t = await startTestApp(driver);
    team = await createTeam(t.app, 'prod');
  });
  afterAll(() => t.close());

  it('an admin creates a product with an opaque prod_ id; a viewer reads it', async () => {
    const res = await team.admin.request('POST', '/api/v1/products', { name: '  Workshop ticket ', description: 'One seat' });
    expect(res.statusCode).toBe(201);
    const product = res.json();
    expect(product).toMatchObject({ object: 'product', name: 'Workshop ticket', description: 'One seat', mode: 'test', archived: false });
    expect(product.id).toMatch(/^prod_[0-9A-Za-z]{24}$/);
    const read = await team.viewer.request('GET', `/api/v1/products/${product.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(product);
  });

  it('a viewer cannot create, change or archive products', async () => {
    const product = (await team.owner.request('POST', '/api/v1/products', { name: 'Guarded' })).json();
    expect((await team.viewer.request('POST', '/api/v1/products', { name: 'Nope' })).statusCode).toBe(403);
    expect((await team.viewer.request('PATCH', `/api/v1/products/${product.id}`, { name: 'Nope' })).statusCode).toBe(403);
    expect((await team.viewer.request('POST', `/api/v1/products/${product.id}/archive`, {})).statusCode).toBe(403);
    expect((await team.viewer.request('GET', `/api/v1/products/${product.id}`)).json().name).toBe('Guarded');
  });

  it('refuses a blank name and unknown fields', async () => {
    const blank = await team.admin.request('POST', '/api/v1/products', { name: '   ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().error).toMatchObject({ code: 'validation_failed', message: 'A product needs a name.' });
    const extra = await team.admin.request('POST', '/api/v1/products', { name: 'x', price: 100 });
    expect(extra.statusCode).toBe(400);
  });

  it('updates name and description; archive is idempotent and PATCH archived:false restores', async () => {
    const product = (await team.admin.request('POST', '/api/v1/products', { name: 'Old' })).json();
    const updated = await team.admin.request('PATCH', `/api/v1/products/${product.id}`, { name: 'New', description: 'Better' });
    expect(updated.json()).toMatchObject({ name: 'New', description: 'Better', archived: false });
    expect((await team.admin.request('POST', `/api/v1/products/${product.id}/archive`, {})).json().archived).toBe(true);
    expect((await team.admin.request('POST', `/api/v1/products/${product.id}/archive`, {})).json().archived).toBe(true);
    expect((await team.admin.request('PATCH', `/api/v1/products/${product.id}`, { archived: false })).json().archived).toBe(false);
  });

  it('lists newest first, pages with limit and cursor, and filters by archived', async () => {
    const fresh = await createTeam(t.app, 'page');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await fresh.admin.request('POST', '/api/v1/products', { name: `P${i}` })).json().id);
    await fresh.admin.request('POST', `/api/v1/products/${ids[1]}/archive`, {});

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await fresh.viewer.request('GET', `/api/v1/products?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      const body = res.json() as { data: { id: string }[]; nextCursor: string | null };
      expect(body.data.length).toBeLessThanOrEqual(2);
      seen.push(...body.data.map((p) => p.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());

    const archived = (await fresh.viewer.request('GET', '/api/v1/products?archived=true')).json().data as { id: string }[];
    expect(archived.map((p) => p.id)).toEqual([ids[1]]);
    const active = (await fresh.viewer.request('GET', '/api/v1/products?archived=false')).json().data as { id: string }[];
    expect(active.map((p) => p.id)).toEqual([ids[4], ids[3], ids[2], ids[0]]);
  });

  it('an unknown cursor yields an empty page, not another account\'s rows', async () => {
    const res = await team.viewer.request('GET', '/api/v1/products?cursor=prod_000000000000000000000000');
    expect(res.json()).toEqual({ data: [], nextCursor: null });
  });

  it('test and live data are separate: a product made in test mode is invisible in live mode', async () => {
    const fresh = await createTeam(t.app, 'mode');
    const product = (await fresh.owner.request('POST', '/api/v1/products', { name: 'Test-only' })).json();
    expect((await fresh.owner.request('PUT', '/api/v1/me/mode', { mode: 'live' })).statusCode).toBe(200);
    expect((await fresh.owner.request('GET', '/api/v1/products')).json().data).toEqual([]);
    expect((await fresh.owner.request('GET', `/api/v1/products/${product.id}`)).statusCode).toBe(404);
    expect((await fresh.owner.request('PATCH', `/api/v1/products/${product.id}`, { name: 'x' })).statusCode).toBe(404);
    const live = (await fresh.owner.request('POST', '/api/v1/products', { name: 'Live one' })).json();
    expect(live.mode).toBe('live');
    await fresh.owner.request('PUT', '/api/v1/me/mode', { mode: 'test' });
    expect(((await fresh.owner.request('GET', '/api/v1/products')).json().data as { id: string }[]).map((p) => p.id)).toEqual([product.id]);
  });

  it("another account's product is a 404", async () => {
    const other = await createTeam(t.app, 'other');
    const product = (await team.owner.request('POST', '/api/v1/products', { name: 'Mine' })).json();
    expect((await other.owner.request('GET', `/api/v1/products/${product.id}`)).statusCode).toBe(404);
    expect((await other.owner.request('POST', `/api/v1/products/${product.id}/archive`, {})).statusCode).toBe(404);
    expect((await team.owner.request('GET', `/api/v1/products/${product.id}`)).json().archived).toBe(false);
  });
});
