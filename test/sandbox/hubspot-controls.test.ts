import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubSpotStandIn, type HubSpotHarness } from './hubspot-harness.js';

let hs: HubSpotHarness;
beforeAll(async () => {
  hs = await startHubSpotStandIn();
});
afterAll(async () => hs.close());

describe('HubSpot sandbox controls', () => {
  it('creates a portal with chosen settings and lists it', async () => {
    const created = await hs.json('POST', '/__sandbox/hubspot/portals', { name: 'Shop', companyCurrency: 'EUR', rateLimit: { max: 190 } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Shop', companyCurrency: 'EUR', rateLimit: { max: 190, intervalMs: 10_000, daily: 250_000 } });
    expect(created.body.accessToken).toMatch(/^pat-na1-/);
    const one = await hs.json('GET', `/__sandbox/hubspot/portals/${created.body.portalId}`);
    expect(one.body.objects.contacts).toBe(0);
    const bad = await hs.json('POST', '/__sandbox/hubspot/portals', { rateLimit: { max: 0 } });
    expect(bad.status).toBe(400);
  });

  it("takes deals and line items only in the portal's currencies (company and additional), as HubSpot does", async () => {
    const { portalId, accessToken } = (await hs.json('POST', '/__sandbox/hubspot/portals', { companyCurrency: 'USD' })).body as { portalId: number; accessToken: string };
    const deal = (currency: string) =>
      hs.api(accessToken, 'POST', '/crm/v3/objects/deals', { properties: { dealname: 'D', pipeline: 'default', dealstage: 'closedwon', deal_currency_code: currency } });
    const refused = await deal('EUR');
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0]).toMatchObject({ code: 'INVALID_OPTION', context: { propertyName: ['deal_currency_code'] } });
    expect(refused.body.errors[0].message).toMatch(/EUR was not one of the allowed options: \[USD\]/);
    expect((await hs.api(accessToken, 'GET', '/account-info/v3/details')).body).toMatchObject({ companyCurrency: 'USD', additionalCurrencies: [] });

    const set = await hs.json('PUT', `/__sandbox/hubspot/portals/${portalId}/currencies`, { additionalCurrencies: ['EUR'] });
    expect(set.body).toMatchObject({ companyCurrency: 'USD', additionalCurrencies: ['EUR'] });
    expect((await deal('EUR')).status).toBe(201);
    const line = await hs.api(accessToken, 'POST', '/crm/v3/objects/line_items', { properties: { name: 'L', quantity: '1', price: '5', hs_line_item_currency_code: 'GBP' } });
    expect(line.status).toBe(400);
    expect((await hs.api(accessToken, 'GET', '/account-info/v3/details')).body.additionalCurrencies).toEqual(['EUR']);
    expect((await hs.json('PUT', `/__sandbox/hubspot/portals/${portalId}/currencies`, { additionalCurrencies: ['XXX'] })).status).toBe(400);
    const all = await hs.json('POST', '/__sandbox/hubspot/portals', { additionalCurrencies: 'all' });
    expect(all.body.additionalCurrencies).toContain('JPY');
    expect(all.body.additionalCurrencies).not.toContain('USD');
  });

  it('sets the stand-in-wide default limit for new and existing portals (the --hubspot-rate-limit flag)', async () => {
    const existing = await hs.createPortal();
    const set = await hs.json('PUT', '/__sandbox/hubspot/rate-limit', { max: 7 });
    expect(set.status).toBe(200);
    expect(set.body.rateLimit).toEqual({ max: 7, oauthMax: 110, searchPerSecond: 5, intervalMs: 10_000, daily: 250_000 });
    const fresh = await hs.createPortal();
    for (const { portalId } of [existing, fresh]) {
      expect((await hs.json('GET', `/__sandbox/hubspot/portals/${portalId}`)).body.rateLimit.max).toBe(7);
    }
    const res = await hs.api(fresh.accessToken, 'GET', '/crm/v3/objects/contacts');
    expect(res.headers.get('x-hubspot-ratelimit-max')).toBe('7');
    await hs.json('PUT', '/__sandbox/hubspot/rate-limit', { max: 100 });
  });

  it('dumps a portal\'s records with every property and association, without counting API calls', async () => {
    const { portalId, accessToken } = await hs.createPortal();
    const client = hs.client(accessToken);
    const contact = await client.crm.contacts.basicApi.create({ properties: { email: 'd@example.com' }, associations: [] });
    await client.crm.deals.basicApi.create({
      properties: { dealname: 'Dumped' },
      associations: [{ to: { id: contact.id }, types: [{ associationCategory: 'HUBSPOT_DEFINED' as never, associationTypeId: 3 }] }],
    });
    const before = (await hs.json('GET', `/__sandbox/hubspot/portals/${portalId}/stats`)).body.requests;
    const deals = await hs.json('GET', `/__sandbox/hubspot/portals/${portalId}/objects/deals`);
    expect(deals.body.results[0]).toMatchObject({ properties: { dealname: 'Dumped', pipeline: 'default' }, associations: { contacts: [{ id: contact.id, type: 'deal_to_contact' }] } });
    expect((await hs.json('GET', `/__sandbox/hubspot/portals/${portalId}/stats`)).body.requests).toBe(before);
  });

  it('injected outages answer HubSpot-shaped 503s, which the client retries and then reports', async () => {
    const { accessToken } = await hs.createPortal();
    await hs.sandbox.setFaults('hubspot', { outage: '503' });
    try {
      const err = await hs.client(accessToken, { numberOfApiCallRetries: 2 }).crm.contacts.basicApi.getPage().then(() => undefined, (e) => e);
      expect(err.code).toBe(503);
      expect(err.body).toMatchObject({ status: 'error', category: 'SERVICE_UNAVAILABLE' });
    } finally {
      await hs.sandbox.setFaults('hubspot', { outage: 'off' });
    }
  });

  it('reset through the control API forgets every portal and token', async () => {
    const { accessToken } = await hs.createPortal();
    const reset = await hs.json('POST', '/__sandbox/reset', { provider: 'hubspot' });
    expect(reset.status).toBe(200);
    expect((await hs.api(accessToken, 'GET', '/account-info/v3/details')).status).toBe(401);
    expect((await hs.json('GET', '/__sandbox/hubspot/portals')).body.results).toEqual([]);
  });
});
