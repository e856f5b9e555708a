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
