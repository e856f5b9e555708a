import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncConfigOf } from '../../src/sync/sync-config.js';
import { loadHubSpotConnection } from '../../src/providers/hubspot/load-hubspot-connection.js';
import { hubspotProperties } from '../../src/providers/hubspot/hubspot-properties.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/start-sandbox.js';
import { PortalCaller } from '../../src/sync/portal-caller.js';
import { ensureProductOptions } from '../../src/sync/product-options.js';
import { SharedRateLimiter } from '../../src/sync/shared-rate-limiter.js';
import { syncMetrics } from '../../src/sync/sync-metrics.js';
import { drivers } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/harness.js';
import { createTeam } from '../helpers/team.js';
import { mintPortal, onepagepayProperties, sdkFor } from './hubspot-connection-helpers.js';
import { rawConnectionRows } from './stripe-connection-helpers.js';

describe.each(drivers)('connect HubSpot with a private app token (%s)', (driver) => {
  let sandbox: RunningSandbox;
  let t: TestApp;

  beforeAll(async () => {
    sandbox = await startSandbox();
    t = await startTestApp(driver, {}, { sandboxUrls: sandbox.urls });
  });
  afterAll(async () => {
    await t?.close();
    await sandbox?.close();
  });

  it('checks the token, creates the OnePagePay properties, stores the token sealed and shows only a hint', async () => {
    const team = await createTeam(t.app, 'hs');
    const portal = await mintPortal(sandbox);

    const res = await team.admin.request('PUT', '/api/v1/connections/hubspot/test', { accessToken: portal.accessToken });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      provider: 'hubspot',
      mode: 'test',
      connected: true,
      sandbox: true,
      hint: `pat-na1-…${portal.accessToken.slice(-4)}`,
      publishableKey: null,
      hubspot: { portalId: String(portal.portalId), authType: 'private_app', hubDomain: null },
    });
    expect(res.body).not.toContain(portal.accessToken);

    const contacts = await onepagepayProperties(sandbox, portal.accessToken, 'contacts');
    expect(Object.fromEntries([...contacts].map(([name, p]) => [name, `${p.type}/${p.fieldType}`]))).toEqual({
      onepagepay_total_spent: 'number/number',
      onepagepay_payment_count: 'number/number',
      onepagepay_first_payment_date: 'date/date',
      onepagepay_last_payment_date: 'date/date',
      onepagepay_last_payment_amount: 'number/number',
      onepagepay_last_product: 'string/text',
      onepagepay_products_purchased: 'enumeration/checkbox',
      onepagepay_last_payment_status: 'enumeration/select',
      // Behind the HubSpot form's hidden field the widget fills: made here so merchants add it to forms, not create it.
      onepagepay_payment_id: 'string/text',
    });
    expect(contacts.get('onepagepay_payment_id')!.hasUniqueValue).toBeFalsy();
    expect(contacts.get('onepagepay_last_payment_status')!.options.map((o) => o.value)).toContain('succeeded');
    const deals = await onepagepayProperties(sandbox, portal.accessToken, 'deals');
    expect([...deals.keys()].sort()).toEqual(['onepagepay_dispute_status', 'onepagepay_payment_id', 'onepagepay_payment_provider', 'onepagepay_payment_status']);
    expect(deals.get('onepagepay_dispute_status')!.options.map((o) => o.value)).toEqual(['disputed', 'won', 'lost']);
    expect(deals.get('onepagepay_payment_id')!.hasUniqueValue).toBe(true);
    expect(deals.get('onepagepay_payment_provider')!.options.map((o) => o.value)).toEqual(['stripe', 'paypal']);
    const groups = (await sdkFor(sandbox, portal.accessToken).crm.properties.groupsApi.getAll('contacts')).results;
    expect(groups.filter((g) => g.name === 'onepagepay').map((g) => g.label)).toEqual(['OnePagePay']);

    const [row, ...more] = await rawConnectionRows(t, team.accountId);
    expect(more).toEqual([]);
    expect(JSON.stringify(row)).not.toContain(portal.accessToken);
    expect(row.credentials).toMatch(/^v1\./);

    const conn = await loadHubSpotConnection(t.ctx, team.accountId, 'test');
    expect(conn).toMatchObject({ accessToken: portal.accessToken, portalId: String(portal.portalId), authType: 'private_app', sandbox: true, baseUrl: sandbox.urls.hubspot });
    // The loaded client acts on the merchant's portal.
    const created = await conn!.client.crm.contacts.basicApi.create({ properties: { email: 'ada@example.com', [hubspotProperties.contact.paymentCount]: '1' }, associations: [] });
    expect(created.properties[hubspotProperties.contact.paymentCount]).toBe('1');
    expect(await loadHubSpotConnection(t.ctx, team.accountId, 'live')).toBeNull();

    const list = await team.viewer.request('GET', '/api/v1/connections');
    expect(list.body).not.toContain(portal.accessToken);
    expect((list.json().data as { provider: string; mode: string }[]).find((c) => c.provider === 'hubspot' && c.mode === 'test')).toMatchObject({
      connected: true,
      hubspot: { portalId: String(portal.portalId) },
    });
    const auditLog = (await team.owner.request('GET', '/api/v1/audit-log')).json().data as { action: string; target: string }[];
    expect(auditLog.some((e) => e.action === 'connection.created' && e.target === 'hubspot:test')).toBe(true);
  });

  it('is harmless to connect twice, and completes what a portal already has', async () => {
    const team = await createTeam(t.app, 'hs-twice');
    const portal = await mintPortal(sandbox);
    const sdk = sdkFor(sandbox, portal.accessToken);
    // The merchant made the group and a status property by hand, with one option only.
    await sdk.crm.properties.groupsApi.create('deals', { name: 'onepagepay', label: 'OnePagePay' });
    await sdk.crm.properties.coreApi.create('deals', {
      name: 'onepagepay_payment_status',
      label: 'Payment status',
      type: 'enumeration' as never,
      fieldType: 'select' as never,
      groupName: 'onepagepay',
      options: [{ label: 'Paid', value: 'succeeded', hidden: false }],
    });

    for (let i = 0; i < 2; i++) expect((await team.admin.request('PUT', '/api/v1/connections/hubspot/test', { accessToken: portal.accessToken })).statusCode).toBe(200);
    // The same portal in live mode too: properties exist already.
    expect((await team.admin.request('PUT', '/api/v1/connections/hubspot/live', { accessToken: portal.accessToken })).statusCode).toBe(200);

    const all = (await sdk.crm.properties.coreApi.getAll('deals')).results.filter((p) => p.name.startsWith('onepagepay_'));
    expect(all).toHaveLength(4);
    const status = all.find((p) => p.name === 'onepagepay_payment_status')!;
    expect(status.options.find((o) => o.value === 'succeeded')!.label).toBe('Paid');
    expect(status.options.map((o) => o.value)).toEqual(expect.arrayContaining(['failed', 'refunded', 'partially_refunded']));
    expect((await sdk.crm.properties.groupsApi.getAll('deals')).results.filter((g) => g.name === 'onepagepay')).toHaveLength(1);
    expect(await rawConnectionRows(t, team.accountId)).toHaveLength(2);
  });

  it("restores from HubSpot's recycling bin the properties the merchant deleted (their values with them), rather than creating them again", async () => {
    const team = await createTeam(t.app, 'hs-bin');
    const portal = await mintPortal(sandbox);
    const sdk = sdkFor(sandbox, portal.accessToken);
    expect((await team.admin.request('PUT', '/api/v1/connections/hubspot/test', { accessToken: portal.accessToken })).statusCode).toBe(200);
    const contact = await sdk.crm.contacts.basicApi.create({ properties: { email: 'binned@example.com', onepagepay_total_spent: '42' }, associations: [] });
    const before = (await sdk.crm.properties.coreApi.getByName('contacts', 'onepagepay_total_spent')).createdAt;

    // The merchant deletes it in HubSpot: it goes to the recycling bin, and its name stays taken.
    await sdk.crm.properties.coreApi.archive('contacts', 'onepagepay_total_spent');
    expect((await sdk.crm.properties.coreApi.getAll('contacts')).results.map((p) => p.name)).not.toContain('onepagepay_total_spent');
    expect((await sdk.crm.properties.coreApi.getAll('contacts', true)).results.map((p) => p.name)).toContain('onepagepay_total_spent');
    const conflict = await sdk.crm.properties.coreApi
      .create('contacts', { name: 'onepagepay_total_spent', label: 'x', type: 'number' as never, fieldType: 'number' as never, groupName: 'onepagepay' })
      .catch((err: { code?: number; body?: { message?: string } }) => err);
    expect(conflict).toMatchObject({ code: 409, body: { message: expect.stringMatching(/recycling bin/) } });

    // Reconnecting restores it: the same property, the record's value back.
    expect((await team.admin.request('PUT', '/api/v1/connections/hubspot/test', { accessToken: portal.accessToken })).statusCode).toBe(200);
    const restored = await sdk.crm.properties.coreApi.getByName('contacts', 'onepagepay_total_spent');
    expect(restored.createdAt).toEqual(before);
    expect((await sdk.crm.properties.coreApi.getAll('contacts', true)).results).toEqual([]);
    expect((await sdk.crm.contacts.basicApi.getById(contact.id, ['onepagepay_total_spent'])).properties.onepagepay_total_spent).toBe('42');
  });

  it("lists the connected portal's forms for the form editor's picker (404 while HubSpot is not connected)", async () => {
    const team = await createTeam(t.app, 'hs-forms');
    expect((await team.viewer.request('GET', '/api/v1/connections/hubspot/test/forms')).statusCode).toBe(404);
    const portal = await mintPortal(sandbox);
    await fetch(`${sandbox.urls.hubspot}/__sandbox/hubspot/portals/${portal.portalId}/forms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Workshop sign-up' }),
    });
    expect((await team.admin.request('PUT', '/api/v1/connections/hubspot/test', { accessToken: portal.accessToken })).statusCode).toBe(200);
    const forms = await team.viewer.request('GET', '/api/v1/connections/hubspot/test/forms');
    expect(forms.statusCode).toBe(200);
    expect(forms.json()).toMatchObject({ portalId: String(portal.portalId), data: [{ id: expect.any(String), name: 'Workshop sign-up' }] });
  });

  it('creates a form in a sandbox portal, ready for the widget; admins only; never in a real portal', async () => {
    const team = await createTeam(t.app, 'hs-new-form');
    const create = (client = team.admin, body: unknown = { name: '  Workshop sign-up  ' }) => client.request('POST', '/api/v1/connections/hubspot/test/forms', body);
    expect((await create()).statusCode).toBe(404);
    const portal = await mintPortal(sandbox);
    expect((await team.admin.request('PUT', '/api/v1/connections/hubspot/test', { accessToken: portal.accessToken })).statusCode).toBe(200);
    expect((await create(team.viewer)).statusCode).toBe(403);
    expect((await create(team.admin, { name: ' ' })).statusCode).toBe(400);

    const made = await create();
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toEqual({ portalId: String(portal.portalId), id: expect.any(String), name: 'Workshop sign-up' });
    // In the portal as HubSpot's Forms API shows it: the buyer's email and names, and the hidden field the widget fills.
    const form = await sdkFor(sandbox, portal.accessToken).marketing.forms.formsApi.getById(made.json().id);
    const fields = form.fieldGroups.flatMap((g) => g.fields).map((f) => [f.name, f.hidden, f.required]);
    expect(fields).toEqual([
      ['email', false, true],
      ['firstname', false, false],
      ['lastname', false, false],
      [hubspotProperties.contact.formPaymentId, true, false],
    ]);
    expect((await team.viewer.request('GET', '/api/v1/connections/hubspot/test/forms')).json().data).toEqual([{ id: made.json().id, name: 'Workshop sign-up' }]);

    // A portal of the real HubSpot: forms are made there, in HubSpot's own editor.
    await t.ctx.database.query(`UPDATE provider_connections SET sandbox = false WHERE account_id = $1 AND provider = 'hubspot'`, [team.accountId]);
    const refused = await create();
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toMatch(/only in a sandbox portal.*Marketing → Forms/);
  });

  it('grows the products-purchased options as products are sold, and follows renames', async () => {
    const team = await createTeam(t.app, 'hs-products');
    const portal = await mintPortal(sandbox);
    expect((await team.admin.request('PUT', '/api/v1/connections/hubspot/test', { accessToken: portal.accessToken })).statusCode).toBe(200);
    const conn = (await loadHubSpotConnection(t.ctx, team.accountId, 'test'))!;
    // As the sync does it, before writing contacts that bought these products.
    const caller = new PortalCaller(t.ctx, { accountId: team.accountId, mode: 'test' }, conn, new SharedRateLimiter(t.ctx.database, syncConfigOf(t.ctx.config).rateLimit), syncMetrics(t.ctx));

    await ensureProductOptions(caller, [{ id: 'prod_a', name: 'Workshop' }]);
    await ensureProductOptions(caller, [
      { id: 'prod_a', name: 'Workshop (2 days)' },
      { id: 'prod_b', name: 'T-shirt' },
    ]);
    const options = (await onepagepayProperties(sandbox, portal.accessToken, 'contacts')).get('onepagepay_products_purchased')!.options;
    expect(options.map((o) => [o.value, o.label])).toEqual([
      ['prod_a', 'Workshop (2 days)'],
      ['prod_b', 'T-shirt'],
    ]);
    // A contact can now hold both.
    const contact = await conn.client.crm.contacts.basicApi.create({ properties: { email: 'grace@example.com', onepagepay_products_purchased: 'prod_a;prod_b' }, associations: [] });
    expect(contact.properties.onepagepay_products_purchased).toBe('prod_a;prod_b');
  });

  it('connects the sandbox in one step, and disconnects', async () => {
    const team = await createTeam(t.app, 'hs-sandbox');
    const res = await team.admin.request('POST', '/api/v1/connections/hubspot/live/sandbox', {});
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ provider: 'hubspot', mode: 'live', connected: true, sandbox: true, hubspot: { authType: 'private_app' } });
    const conn = (await loadHubSpotConnection(t.ctx, team.accountId, 'live'))!;
    expect(conn.portalId).toBe(res.json().hubspot.portalId);
    expect((await onepagepayProperties(sandbox, conn.accessToken, 'deals')).size).toBe(4);

    const gone = await team.admin.request('DELETE', '/api/v1/connections/hubspot/live');
    expect(gone.statusCode, gone.body).toBe(204);
    expect(await rawConnectionRows(t, team.accountId)).toEqual([]);
    expect(await loadHubSpotConnection(t.ctx, team.accountId, 'live')).toBeNull();
    expect((await team.admin.request('DELETE', '/api/v1/connections/hubspot/live')).statusCode).toBe(204);
    // The properties and their values stay in HubSpot.
    expect((await onepagepayProperties(sandbox, conn.accessToken, 'deals')).size).toBe(4);
    const auditLog = (await team.owner.request('GET', '/api/v1/audit-log')).json().data as { action: string; target: string }[];
    expect(auditLog.filter((e) => e.target === 'hubspot:live').map((e) => e.action)).toEqual(['connection.removed', 'connection.created']);
  });
});
