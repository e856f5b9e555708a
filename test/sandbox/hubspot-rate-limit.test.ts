import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubSpotStandIn, type HubSpotHarness } from './hubspot-harness.js';

let hs: HubSpotHarness;
beforeAll(async () => {
  hs = await startHubSpotStandIn();
});
afterAll(async () => hs.close());

const exactBody = {
  status: 'error',
  message: 'You have reached your ten_secondly_rolling limit.',
  errorType: 'RATE_LIMIT',
  policyName: 'TEN_SECONDLY_ROLLING',
};

describe('HubSpot rate limiting', () => {
  it('sends the rate-limit headers on every API response (default 100 per 10 s)', async () => {
    const { accessToken } = await hs.createPortal();
    const res = await hs.api(accessToken, 'GET', '/crm/v3/objects/contacts');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-hubspot-ratelimit-max')).toBe('100');
    expect(res.headers.get('x-hubspot-ratelimit-remaining')).toBe('99');
    expect(res.headers.get('x-hubspot-ratelimit-interval-milliseconds')).toBe('10000');
    expect(res.headers.get('x-hubspot-ratelimit-daily')).toBe('250000');
    expect(res.headers.get('x-hubspot-ratelimit-daily-remaining')).toBe('249999');
  });

  it('answers 429 with HubSpot\'s exact body once a token exceeds its rolling window, and recovers as the window rolls', async () => {
    const { portalId, accessToken } = await hs.createPortal();
    const set = await hs.json('PUT', `/__sandbox/hubspot/portals/${portalId}/rate-limit`, { max: 3 });
    expect(set.body.rateLimit).toMatchObject({ max: 3, intervalMs: 10_000 });

    for (let i = 0; i < 3; i++) expect((await hs.api(accessToken, 'GET', '/account-info/v3/details')).status).toBe(200);
    const limited = await hs.api(accessToken, 'GET', '/account-info/v3/details');
    expect(limited.status).toBe(429);
    const { correlationId, ...rest } = limited.body;
    expect(rest).toEqual(exactBody);
    expect(Object.keys(limited.body)).toEqual(['status', 'message', 'errorType', 'correlationId', 'policyName']);
    expect(correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(limited.headers.get('x-hubspot-ratelimit-remaining')).toBe('0');
    expect(limited.headers.get('x-hubspot-ratelimit-max')).toBe('3');

    hs.clock.advance(10_001);
    expect((await hs.api(accessToken, 'GET', '/account-info/v3/details')).status).toBe(200);

    const stats = await hs.json('GET', `/__sandbox/hubspot/portals/${portalId}/stats`);
    expect(stats.body).toMatchObject({ portalId, requests: 5, rateLimited: 1, maxRequestsInWindow: 4 });
    expect(stats.body.byEndpoint['GET /account-info/v3/details']).toBe(5);
    const reset = await hs.json('POST', `/__sandbox/hubspot/portals/${portalId}/stats/reset`);
    expect(reset.body).toMatchObject({ requests: 0, maxRequestsInWindow: 0 });
  });

  it('limits per token, so a second token of the portal has its own window; stats count the portal', async () => {
    const { portalId, accessToken } = await hs.createPortal({ rateLimit: { max: 1 } });
    const second = await hs.json('POST', `/__sandbox/hubspot/portals/${portalId}/tokens`, {});
    expect((await hs.api(accessToken, 'GET', '/crm/v3/objects/deals')).status).toBe(200);
    expect((await hs.api(accessToken, 'GET', '/crm/v3/objects/deals')).status).toBe(429);
    expect((await hs.api(second.body.accessToken, 'GET', '/crm/v3/objects/deals')).status).toBe(200);
    const stats = await hs.json('GET', `/__sandbox/hubspot/portals/${portalId}/stats`);
    expect(stats.body.maxRequestsInWindow).toBe(3);
  });

  it('is recognised by the official client, which retries TEN_SECONDLY_ROLLING and then succeeds', async () => {
    const { portalId, accessToken } = await hs.createPortal({ rateLimit: { max: 1 } });
    const client = hs.client(accessToken, { numberOfApiCallRetries: 2 });
    await client.crm.contacts.basicApi.create({ properties: { email: 'first@example.com' }, associations: [] });
    const started = Date.now();
    // The second call is refused (429), the client waits its 10 s and retries, by then the window has rolled.
    const second = await client.crm.contacts.basicApi.create({ properties: { email: 'second@example.com' }, associations: [] });
    expect(second.properties.email).toBe('second@example.com');
    expect(Date.now() - started).toBeGreaterThanOrEqual(9_000);
    const stats = await hs.json('GET', `/__sandbox/hubspot/portals/${portalId}/stats`);
    expect(stats.body).toMatchObject({ requests: 3, rateLimited: 1 });
  }, 30_000);

  it('without retries the client throws ApiException 429 carrying the body and headers', async () => {
    const { accessToken } = await hs.createPortal({ rateLimit: { max: 1 } });
    const client = hs.client(accessToken);
    await client.crm.contacts.basicApi.getPage();
    const err = await client.crm.contacts.basicApi.getPage().then(() => undefined, (e) => e);
    expect(err.code).toBe(429);
    expect(err.body).toMatchObject(exactBody);
    expect(err.headers['x-hubspot-ratelimit-max']).toBe('1');
  });

  it('injected 429 bursts use the same body and headers', async () => {
    const { accessToken } = await hs.createPortal();
    hs.faults.burst429 = 1;
    const res = await hs.api(accessToken, 'GET', '/crm/v3/objects/contacts');
    expect(res.status).toBe(429);
    expect(res.body).toMatchObject(exactBody);
    expect(res.headers.get('x-hubspot-ratelimit-interval-milliseconds')).toBe('10000');
    expect((await hs.api(accessToken, 'GET', '/crm/v3/objects/contacts')).status).toBe(200);
  });
});

describe('HubSpot rate limits as HubSpot counts them: per app, by tier, per day, and for search', () => {
  /** An OAuth app's access token for a portal, through the authorize → token exchange (the refresh token too). */
  async function oauthTokens(portalId: number, clientId: string) {
    const app = await hs.json('POST', '/__sandbox/hubspot/apps', { clientId, clientSecret: `${clientId}-secret` });
    const granted = await hs.json('POST', '/__sandbox/hubspot/oauth/authorize', { clientId, redirectUri: 'https://app.example/cb', scopes: ['crm.objects.deals.read', 'oauth'], portalId });
    const exchange = async (form: Record<string, string>) => {
      const res = await fetch(`${hs.url}/oauth/2026-03/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) });
      return (await res.json()) as { access_token: string; refresh_token: string };
    };
    const base = { client_id: clientId, client_secret: app.body.clientSecret };
    const first = await exchange({ ...base, grant_type: 'authorization_code', code: granted.body.code, redirect_uri: 'https://app.example/cb' });
    const refreshed = await exchange({ ...base, grant_type: 'refresh_token', refresh_token: first.refresh_token });
    return { first: first.access_token, refreshed: refreshed.access_token };
  }

  it("an OAuth app has 110 per 10 s in a portal, shared by all its tokens (a refresh does not reset it); another app has its own", async () => {
    const { portalId } = await hs.createPortal({ rateLimit: { oauthMax: 2 } });
    const a = await oauthTokens(portalId, `app-a-${portalId}`);
    const b = await oauthTokens(portalId, `app-b-${portalId}`);
    expect((await hs.api(a.first, 'GET', '/crm/v3/objects/deals')).status).toBe(200);
    expect((await hs.api(a.refreshed, 'GET', '/crm/v3/objects/deals')).status).toBe(200);
    const limited = await hs.api(a.refreshed, 'GET', '/crm/v3/objects/deals');
    expect(limited.status).toBe(429);
    expect(limited.body.policyName).toBe('TEN_SECONDLY_ROLLING');
    expect((await hs.api(b.first, 'GET', '/crm/v3/objects/deals')).status).toBe(200);
    // OAuth answers carry no daily headers (those are for private apps).
    const answer = await hs.api(b.first, 'GET', '/crm/v3/objects/deals');
    expect(answer.headers.get('x-hubspot-ratelimit-max')).toBe('2');
    expect(answer.headers.get('x-hubspot-ratelimit-daily')).toBeNull();

    const { portalId: fresh } = await hs.createPortal();
    const c = await oauthTokens(fresh, `app-c-${fresh}`);
    expect((await hs.api(c.first, 'GET', '/crm/v3/objects/deals')).headers.get('x-hubspot-ratelimit-max')).toBe('110');
  });

  it("a portal's tier sets its private apps' limits: Professional 190 per 10 s and 625,000 a day; the API add-on 250 and 1,000,000", async () => {
    const { portalId, accessToken } = await hs.createPortal();
    expect((await hs.json('PUT', `/__sandbox/hubspot/portals/${portalId}/rate-limit`, { tier: 'professional' })).body.rateLimit).toMatchObject({ max: 190, daily: 625_000, oauthMax: 110 });
    const pro = await hs.api(accessToken, 'GET', '/crm/v3/objects/deals');
    expect([pro.headers.get('x-hubspot-ratelimit-max'), pro.headers.get('x-hubspot-ratelimit-daily')]).toEqual(['190', '625000']);
    await hs.json('PUT', `/__sandbox/hubspot/portals/${portalId}/rate-limit`, { tier: 'api_addon' });
    const addon = await hs.api(accessToken, 'GET', '/crm/v3/objects/deals');
    expect([addon.headers.get('x-hubspot-ratelimit-max'), addon.headers.get('x-hubspot-ratelimit-daily')]).toEqual(['250', '1000000']);
    expect((await hs.json('PUT', `/__sandbox/hubspot/portals/${portalId}/rate-limit`, { tier: 'gold' })).status).toBe(400);
  });

  it('the daily limit is shared by every app of the portal, and answers DAILY until the next day', async () => {
    const { portalId, accessToken } = await hs.createPortal({ rateLimit: { daily: 3 } });
    const second = await hs.json('POST', `/__sandbox/hubspot/portals/${portalId}/tokens`, {});
    const oauth = await oauthTokens(portalId, `app-d-${portalId}`);
    expect((await hs.api(accessToken, 'GET', '/crm/v3/objects/deals')).status).toBe(200);
    expect((await hs.api(second.body.accessToken, 'GET', '/crm/v3/objects/deals')).status).toBe(200);
    const third = await hs.api(oauth.first, 'GET', '/crm/v3/objects/deals');
    expect(third.status).toBe(200);
    const over = await hs.api(accessToken, 'GET', '/crm/v3/objects/deals');
    expect(over.status).toBe(429);
    expect(over.body).toMatchObject({ policyName: 'DAILY', message: 'You have reached your daily limit.' });
    expect(over.headers.get('x-hubspot-ratelimit-daily-remaining')).toBe('0');
    hs.clock.advance(24 * 3600 * 1000);
    expect((await hs.api(accessToken, 'GET', '/crm/v3/objects/deals')).status).toBe(200);
  });

  it('CRM search has its own 5 per second (SECONDLY, no rate-limit headers), apart from the 10-second window', async () => {
    const { portalId, accessToken } = await hs.createPortal({ rateLimit: { max: 6 } });
    const search = () => hs.api(accessToken, 'POST', '/crm/v3/objects/contacts/search', { filterGroups: [], limit: 1 });
    for (let i = 0; i < 5; i++) {
      const ok = await search();
      expect(ok.status).toBe(200);
      expect(ok.headers.get('x-hubspot-ratelimit-max')).toBeNull();
    }
    const limited = await search();
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ policyName: 'SECONDLY', message: 'You have reached your secondly limit.' });
    // The search burst took nothing from the app's 10-second window.
    const plain = await hs.api(accessToken, 'GET', '/crm/v3/objects/contacts');
    expect(plain.status).toBe(200);
    expect(plain.headers.get('x-hubspot-ratelimit-remaining')).toBe('5');
    hs.clock.advance(1001);
    expect((await search()).status).toBe(200);
    expect((await hs.json('GET', `/__sandbox/hubspot/portals/${portalId}/stats`)).body.rateLimited).toBe(1);
  });
});
