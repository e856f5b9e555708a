import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drivers } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/harness.js';
import { createTeam, type Team } from '../helpers/team.js';
import type { TestClient } from '../helpers/harness.js';

/** A product with the given prices, made through the API; returns the price ids. */
async function catalog(client: TestClient, prices: Record<string, unknown>[]) {
  const product = (await client.request('POST', '/api/v1/products', { name: 'Conference' })).json();
  const ids: string[] = [];
  for (const price of prices) {
    const res = await client.request('POST', '/api/v1/prices', { productId: product.id, ...price });
    if (res.statusCode !== 201) throw new Error(res.body);
    ids.push(res.json().id);
  }
  return { productId: product.id as string, ids };
}

describe.each(drivers)('payment forms (%s)', (driver) => {
  let t: TestApp;
  let team: Team;
  let usd: string[]; // fixed $10, fixed $25 (up to 5), custom $5..$500
  let eur: string;
  beforeAll(async () => {
    t = await startTestApp(driver);
    team = await createTeam(t.app, 'forms');
    usd = (
      await catalog(team.admin, [
        { type: 'fixed', currency: 'usd', unitAmount: 1000 },
        { type: 'fixed', currency: 'usd', unitAmount: 2500, maxQuantity: 5 },
        { type: 'custom', currency: 'usd', minAmount: 500, maxAmount: 50_000 },
      ])
    ).ids;
    eur = (await catalog(team.admin, [{ type: 'fixed', currency: 'eur', unitAmount: 900 }])).ids[0];
  });
  afterAll(() => t.close());

  const create = (body: Record<string, unknown>, client = team.admin) => client.request('POST', '/api/v1/forms', body);
  const expectInvalid = async (body: Record<string, unknown>, message: RegExp) => {
    const res = await create(body);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    expect(res.json().error.message).toMatch(message);
  };

  it('creates a form with its items, settings, embed code and hosted link', async () => {
    const res = await create({
      name: ' Summit tickets ',
      items: usd.map((priceId) => ({ priceId })),
      selection: 'pick_many',
      currency: 'USD',
      hubspot: { portalId: '1234567', formId: 'a1b2c3d4-0000-4000-8000-000000000001' },
      successMessage: 'Thanks! See you there.',
      allowedDomains: ['https://Shop.Example.com', 'https://shop.example.com/', 'http://localhost:5173'],
      sync: { dealPipeline: 'default', dealStage: 'closedwon', refundStage: 'closedlost', syncFailedPayments: true },
    });
    expect(res.statusCode, res.body).toBe(201);
    const form = res.json();
    expect(form.id).toMatch(/^form_[0-9A-Za-z]{24}$/);
    expect(form).toMatchObject({
      object: 'payment_form',
      mode: 'test',
      name: 'Summit tickets',
      selection: 'pick_many',
      currency: 'usd',
      hubspot: { portalId: '1234567', formId: 'a1b2c3d4-0000-4000-8000-000000000001' },
      successMessage: 'Thanks! See you there.',
      redirectUrl: null,
      allowedDomains: ['https://shop.example.com', 'http://localhost:5173'],
      sync: { dealPipeline: 'default', dealStage: 'closedwon', refundStage: 'closedlost', syncFailedPayments: true },
      archived: false,
    });
    expect(form.items.map((i: { priceId: string }) => i.priceId)).toEqual(usd);
    expect(form.items[1]).toMatchObject({ available: true, price: { unitAmount: 2500, maxQuantity: 5 }, product: { name: 'Conference' } });
    expect(form.items[2].price).toMatchObject({ type: 'custom', minAmount: 500, maxAmount: 50_000 });
    expect(form.embedCode).toBe(`<script src="http://localhost:3000/widget.js" data-account="${team.accountId}" data-form="${form.id}" async></script>`);
    expect(form.standaloneCode).toBe(`<div data-onepagepay-form data-account="${team.accountId}" data-form="${form.id}"></div>\n<script src="http://localhost:3000/widget.js" async></script>`);
    expect(form.hostedUrl).toBe(`http://localhost:3000/pay/${team.accountId}/${form.id}`);

    const read = await team.viewer.request('GET', `/api/v1/forms/${form.id}`);
    expect(read.json()).toEqual(form);
  });

  it('audits catalog and form changes with what they were before and after (and nothing for a change that changes nothing)', async () => {
    const audited = async (target: string) =>
      ((await team.owner.request('GET', '/api/v1/audit-log')).json().data as { action: string; target: string; metadata: Record<string, unknown>; userId: string }[]).filter((e) => e.target === target).reverse();
    const product = (await team.admin.request('POST', '/api/v1/products', { name: 'Tee' })).json();
    expect((await team.admin.request('PATCH', `/api/v1/products/${product.id}`, { name: 'T-shirt', description: 'Organic' })).statusCode).toBe(200);
    expect((await team.admin.request('PATCH', `/api/v1/products/${product.id}`, { name: 'T-shirt' })).statusCode).toBe(200); // no change
    expect((await audited(product.id)).map((e) => [e.action, e.metadata])).toEqual([
      ['product.created', { name: 'Tee' }],
      ['product.updated', { changes: { name: { from: 'Tee', to: 'T-shirt' }, description: { from: '', to: 'Organic' } } }],
    ]);

    const price = (await team.admin.request('POST', '/api/v1/prices', { productId: product.id, type: 'fixed', currency: 'usd', unitAmount: 1500 })).json();
    expect((await team.admin.request('POST', `/api/v1/prices/${price.id}/archive`, {})).statusCode).toBe(200);
    const priceLog = await audited(price.id);
    expect(priceLog[0]).toMatchObject({ action: 'price.created', metadata: { productId: product.id, currency: 'usd', unitAmount: 1500, type: 'fixed' } });
    expect(priceLog[1]).toMatchObject({ action: 'price.updated', metadata: { changes: { archived: { from: false, to: true } } } });

    const created = await create({ name: 'Shop', selection: 'fixed', items: [{ priceId: usd[0] }] });
    expect(created.statusCode, created.body).toBe(201);
    const form = created.json();
    expect((await team.admin.request('PATCH', `/api/v1/forms/${form.id}`, { name: 'Shop 2', sync: { dealStage: 'appointmentscheduled' } })).statusCode).toBe(200);
    const formLog = await audited(form.id);
    expect(formLog.map((e) => e.action)).toEqual(['form.created', 'form.updated']);
    expect(formLog[0]!.metadata).toMatchObject({ name: 'Shop', currency: 'usd', priceIds: [usd[0]] });
    const changes = formLog[1]!.metadata.changes as Record<string, { from: unknown; to: unknown }>;
    expect(changes.name).toEqual({ from: 'Shop', to: 'Shop 2' });
    expect(changes.sync).toMatchObject({ from: expect.objectContaining({ dealStage: null }), to: expect.objectContaining({ dealStage: 'appointmentscheduled' }) });
    expect(Object.keys(changes).sort()).toEqual(['name', 'sync']);
  });

  it('previews the receipt its buyers get: one of each item, by card, in the language asked', async () => {
    await team.admin.request('PATCH', '/api/v1/account', { name: 'Preview Shop' });
    const form = (await create({ name: 'Preview', items: [{ priceId: usd[0] }, { priceId: usd[2] }], selection: 'pick_one' })).json();
    const en = await team.viewer.request('GET', `/api/v1/forms/${form.id}/receipt-preview`);
    expect(en.statusCode).toBe(200);
    expect(en.json().subject).toBe('[Test] Your receipt from Preview Shop: $15.00');
    expect(en.json().text).toContain('Paid with: Visa •••• 4242');
    const de = await team.viewer.request('GET', `/api/v1/forms/${form.id}/receipt-preview?language=de`);
    expect(de.json().subject).toMatch(/^\[Test\] Ihre Quittung von Preview Shop: 15,00\s\$$/);
    expect((await team.viewer.request('GET', `/api/v1/forms/${form.id}/receipt-preview?language=it`)).statusCode).toBe(400);
  });

  it('a fixed form offers exactly one price; its currency comes from the price when not given', async () => {
    const res = await create({ name: 'Donate', items: [{ priceId: usd[2] }], selection: 'fixed' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ currency: 'usd', selection: 'fixed', sync: { syncFailedPayments: false }, allowedDomains: [], sendReceipts: true });
    await expectInvalid({ name: 'Two', items: [{ priceId: usd[0] }, { priceId: usd[1] }], selection: 'fixed' }, /exactly one price/);
    await expectInvalid({ name: 'One', items: [{ priceId: usd[0] }], selection: 'pick_one' }, /at least two/);
    await expectInvalid({ name: 'None', items: [], selection: 'fixed' }, /items/);
  });

  it('refuses prices in another currency than the form', async () => {
    await expectInvalid({ name: 'Mixed', items: [{ priceId: usd[0] }, { priceId: eur }], selection: 'pick_one' }, /share its currency \(USD\); price .* is in EUR/);
    await expectInvalid({ name: 'Wrong', items: [{ priceId: usd[0] }], selection: 'fixed', currency: 'eur' }, /share its currency \(EUR\)/);
    await expectInvalid({ name: 'Unknown', items: [{ priceId: usd[0] }], selection: 'fixed', currency: 'zzz' }, /Unknown currency 'zzz'/);
  });

  it('refuses duplicate prices and a second custom amount', async () => {
    await expectInvalid({ name: 'Dup', items: [{ priceId: usd[0] }, { priceId: usd[0] }], selection: 'pick_one' }, /only once/);
    const second = (await catalog(team.admin, [{ type: 'custom', currency: 'usd' }])).ids[0];
    await expectInvalid({ name: 'Two customs', items: [{ priceId: usd[2] }, { priceId: second }], selection: 'pick_one' }, /at most one custom/);
  });

  it('validates the redirect URL, success message and allowed domains', async () => {
    const base = { name: 'Settings', items: [{ priceId: usd[0] }], selection: 'fixed' };
    await expectInvalid({ ...base, redirectUrl: 'http://shop.example.com/thanks' }, /https/);
    await expectInvalid({ ...base, redirectUrl: 'javascript:alert(1)' }, /https/);
    await expectInvalid({ ...base, redirectUrl: 'not a url' }, /not a URL/);
    await expectInvalid({ ...base, redirectUrl: 'https://user:pw@shop.example.com/' }, /user name or password/);
    await expectInvalid({ ...base, redirectUrl: 'https://shop.example.com/thanks', successMessage: 'Thanks' }, /not both/);
    await expectInvalid({ ...base, allowedDomains: ['shop.example.com'] }, /allowedDomains/);
    await expectInvalid({ ...base, allowedDomains: ['https://shop.example.com/checkout'] }, /without a path/);
    await expectInvalid({ ...base, allowedDomains: ['http://shop.example.com'] }, /https/);
    await expectInvalid({ ...base, hubspot: { portalId: 'abc' } }, /portalId/);
    const ok = await create({ ...base, redirectUrl: 'http://localhost:3000/thanks?order=1' });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().redirectUrl).toBe('http://localhost:3000/thanks?order=1');
  });

  it("never attaches another account's price (404), nor a price of the other mode", async () => {
    const other = await createTeam(t.app, 'forms-other');
    const foreign = await create({ name: 'Stolen', items: [{ priceId: usd[0] }], selection: 'fixed' }, other.admin);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error).toMatchObject({ code: 'not_found', message: `Price ${usd[0]} not found.` });
    const own = (await catalog(other.admin, [{ type: 'fixed', currency: 'usd', unitAmount: 100 }, { type: 'fixed', currency: 'usd', unitAmount: 200 }])).ids;
    const form = (await create({ name: 'Mine', items: [{ priceId: own[0] }, { priceId: own[1] }], selection: 'pick_one' }, other.admin)).json();
    const sneak = await other.admin.request('PATCH', `/api/v1/forms/${form.id}`, { items: [{ priceId: own[0] }, { priceId: usd[1] }] });
    expect(sneak.statusCode).toBe(404);
    expect((await other.admin.request('GET', `/api/v1/forms/${form.id}`)).json().items.map((i: { priceId: string }) => i.priceId)).toEqual(own);

    const modal = await createTeam(t.app, 'forms-mode');
    const testPrice = (await catalog(modal.owner, [{ type: 'fixed', currency: 'usd', unitAmount: 100 }])).ids[0];
    const testForm = (await create({ name: 'Test form', items: [{ priceId: testPrice }], selection: 'fixed' }, modal.owner)).json();
    await modal.owner.request('PUT', '/api/v1/me/mode', { mode: 'live' });
    expect((await create({ name: 'Live form', items: [{ priceId: testPrice }], selection: 'fixed' }, modal.owner)).statusCode).toBe(404);
    expect((await modal.owner.request('GET', '/api/v1/forms')).json().data).toEqual([]);
    expect((await modal.owner.request('GET', `/api/v1/forms/${testForm.id}`)).statusCode).toBe(404);
    await modal.owner.request('PUT', '/api/v1/me/mode', { mode: 'test' });
    expect((await modal.owner.request('GET', '/api/v1/forms')).json().data.map((f: { id: string }) => f.id)).toEqual([testForm.id]);
  });

  it('archived prices cannot be added; forms that already offer them show them as unavailable', async () => {
    const { productId, ids } = await catalog(team.admin, [
      { type: 'fixed', currency: 'usd', unitAmount: 100 },
      { type: 'fixed', currency: 'usd', unitAmount: 200 },
      { type: 'fixed', currency: 'usd', unitAmount: 300 },
    ]);
    const form = (await create({ name: 'Shelf', items: [{ priceId: ids[0] }, { priceId: ids[1] }], selection: 'pick_one' })).json();
    await team.admin.request('POST', `/api/v1/prices/${ids[0]}/archive`, {});
    const shown = (await team.viewer.request('GET', `/api/v1/forms/${form.id}`)).json();
    expect(shown.items.map((i: { available: boolean }) => i.available)).toEqual([false, true]);

    await expectInvalid({ name: 'New', items: [{ priceId: ids[0] }], selection: 'fixed' }, /archived/);
    // Keeping an archived price that was already on the form is allowed; adding a newly archived one is not.
    const kept = await team.admin.request('PATCH', `/api/v1/forms/${form.id}`, { items: [{ priceId: ids[1] }, { priceId: ids[0] }] });
    expect(kept.statusCode, kept.body).toBe(200);
    await team.admin.request('POST', `/api/v1/products/${productId}/archive`, {});
    const added = await team.admin.request('PATCH', `/api/v1/forms/${form.id}`, { items: [{ priceId: ids[1] }, { priceId: ids[2] }] });
    expect(added.statusCode).toBe(400);
    expect(added.json().error.message).toMatch(/archived/);
    const all = (await team.viewer.request('GET', `/api/v1/forms/${form.id}`)).json();
    expect(all.items.map((i: { available: boolean }) => i.available)).toEqual([false, false]);
  });

  it('updates settings partially and re-checks items, selection and currency together', async () => {
    const form = (await create({ name: 'Edit me', items: [{ priceId: usd[0] }], selection: 'fixed', successMessage: 'Thanks' })).json();
    const renamed = await team.admin.request('PATCH', `/api/v1/forms/${form.id}`, { name: 'Edited', hubspot: { portalId: '42' }, sync: { dealStage: 'won' } });
    expect(renamed.json()).toMatchObject({ name: 'Edited', hubspot: { portalId: '42', formId: null }, sync: { dealStage: 'won', dealPipeline: null }, successMessage: 'Thanks' });
    const both = await team.admin.request('PATCH', `/api/v1/forms/${form.id}`, { redirectUrl: 'https://shop.example.com/thanks' });
    expect(both.statusCode).toBe(400);
    const swapped = await team.admin.request('PATCH', `/api/v1/forms/${form.id}`, { redirectUrl: 'https://shop.example.com/thanks', successMessage: null });
    expect(swapped.json()).toMatchObject({ redirectUrl: 'https://shop.example.com/thanks', successMessage: null });
    expect((await team.admin.request('PATCH', `/api/v1/forms/${form.id}`, { selection: 'pick_one' })).statusCode).toBe(400);
    const widened = await team.admin.request('PATCH', `/api/v1/forms/${form.id}`, { selection: 'pick_one', items: [{ priceId: usd[1] }, { priceId: usd[0] }] });
    expect(widened.json().items.map((i: { priceId: string }) => i.priceId)).toEqual([usd[1], usd[0]]);
    const recurrency = await team.admin.request('PATCH', `/api/v1/forms/${form.id}`, { currency: 'eur' });
    expect(recurrency.statusCode).toBe(400);
    const moved = await team.admin.request('PATCH', `/api/v1/forms/${form.id}`, { currency: 'eur', selection: 'fixed', items: [{ priceId: eur }] });
    expect(moved.json()).toMatchObject({ currency: 'eur', selection: 'fixed' });
  });

  it('archives a form (idempotent), lists with the archived filter and pages', async () => {
    const fresh = await createTeam(t.app, 'forms-list');
    const price = (await catalog(fresh.admin, [{ type: 'fixed', currency: 'gbp', unitAmount: 100 }])).ids[0];
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await create({ name: `F${i}`, items: [{ priceId: price }], selection: 'fixed' }, fresh.admin)).json().id);
    expect((await fresh.admin.request('POST', `/api/v1/forms/${ids[0]}/archive`, {})).json().archived).toBe(true);
    expect((await fresh.admin.request('POST', `/api/v1/forms/${ids[0]}/archive`, {})).json().archived).toBe(true);
    const first = (await fresh.viewer.request('GET', '/api/v1/forms?limit=2')).json();
    expect(first.data.map((f: { id: string }) => f.id)).toEqual([ids[2], ids[1]]);
    expect(first.data[0].items[0].priceId).toBe(price);
    const second = (await fresh.viewer.request('GET', `/api/v1/forms?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second).toMatchObject({ data: [{ id: ids[0] }], nextCursor: null });
    expect((await fresh.viewer.request('GET', '/api/v1/forms?archived=true')).json().data.map((f: { id: string }) => f.id)).toEqual([ids[0]]);
    expect((await fresh.viewer.request('GET', '/api/v1/forms?archived=false')).json().data).toHaveLength(2);
  });

  it('a viewer can read forms but not create, change or archive them', async () => {
    const form = (await create({ name: 'Guarded', items: [{ priceId: usd[0] }], selection: 'fixed' })).json();
    expect((await create({ name: 'V', items: [{ priceId: usd[0] }], selection: 'fixed' }, team.viewer)).statusCode).toBe(403);
    expect((await team.viewer.request('PATCH', `/api/v1/forms/${form.id}`, { name: 'V' })).statusCode).toBe(403);
    expect((await team.viewer.request('POST', `/api/v1/forms/${form.id}/archive`, {})).statusCode).toBe(403);
    expect((await team.viewer.request('GET', `/api/v1/forms/${form.id}`)).json()).toMatchObject({ name: 'Guarded', archived: false });
  });
});
