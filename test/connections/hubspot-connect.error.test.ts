import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callHubSpot, hubspotClient } from '../../src/providers/hubspot/hubspot-client.js';
import { HubSpotUnreachableError, hubspotErrorToAppError } from '../../src/providers/hubspot/hubspot-errors.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/start-sandbox.js';
import { drivers } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/harness.js';
import { createTeam, type Team } from '../helpers/team.js';
import { mintPortal, sdkFor } from './hubspot-connection-helpers.js';
import { rawConnectionRows } from './stripe-connection-helpers.js';

describe.each(drivers)('connect HubSpot: refusals (%s)', (driver) => {
  let sandbox: RunningSandbox;
  let t: TestApp;
  let team: Team;

  beforeAll(async () => {
    sandbox = await startSandbox();
    t = await startTestApp(driver, {}, { sandboxUrls: sandbox.urls });
    team = await createTeam(t.app, 'hs-refused');
  });
  afterAll(async () => {
    await t?.close();
    await sandbox?.close();
  });

  it('refuses a token HubSpot rejects with 422 and HubSpot’s message, storing nothing', async () => {
    const res = await team.admin.request('PUT', '/api/v1/connections/hubspot/test', { accessToken: 'pat-na1-00000000-0000-0000-0000-000000000000' });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().error.code).toBe('unprocessable');
    expect(res.json().error.message).toMatch(/^HubSpot refused the access token: Authentication credentials not found/);
    expect(res.body).not.toContain('pat-na1-00000000');
    expect(await rawConnectionRows(t, team.accountId)).toEqual([]);
  });

  it('answers 503 when HubSpot is down, storing nothing, and connects once it is back', async () => {
    const portal = await mintPortal(sandbox);
    await sandbox.setFaults('hubspot', { outage: '503' });
    try {
      const res = await team.admin.request('PUT', '/api/v1/connections/hubspot/test', { accessToken: portal.accessToken });
      expect(res.statusCode, res.body).toBe(503);
      expect(res.json().error.code).toBe('provider_unavailable');
      expect(await rawConnectionRows(t, team.accountId)).toEqual([]);
    } finally {
      await sandbox.setFaults('hubspot', { outage: 'off' });
    }
    expect((await team.admin.request('PUT', '/api/v1/connections/hubspot/test', { accessToken: portal.accessToken })).statusCode).toBe(200);
    expect((await team.admin.request('DELETE', '/api/v1/connections/hubspot/test')).statusCode).toBe(204);
  });

  it('refuses a token without the scopes the sync needs, naming them', async () => {
    const res0 = await fetch(`${sandbox.urls.hubspot}/__sandbox/hubspot/portals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scopes: ['crm.objects.contacts.read', 'crm.objects.contacts.write'] }),
    });
    const { accessToken } = (await res0.json()) as { accessToken: string };
    const res = await team.admin.request('PUT', '/api/v1/connections/hubspot/test', { accessToken });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().error.message).toBe(
      'HubSpot refused reading contacts, deals and line items: the token lacks the scopes crm.objects.deals.read. Grant them to the private app (or reconnect) and try again.',
    );
    expect(await rawConnectionRows(t, team.accountId)).toEqual([]);
  });

  it('refuses a portal where one of our property names holds another type, naming it', async () => {
    const portal = await mintPortal(sandbox);
    const sdk = sdkFor(sandbox, portal.accessToken);
    await sdk.crm.properties.coreApi.create('contacts', { name: 'onepagepay_total_spent', label: 'Total spent', type: 'string' as never, fieldType: 'text' as never, groupName: 'contactinformation' });
    const res = await team.admin.request('PUT', '/api/v1/connections/hubspot/test', { accessToken: portal.accessToken });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().error.message).toContain('"onepagepay_total_spent" of type string; OnePagePay needs type number');
    expect(await rawConnectionRows(t, team.accountId)).toEqual([]);
  });

  it('gives up on an official-client call HubSpot does not answer in time (callHubSpot)', async () => {
    const portal = await mintPortal(sandbox);
    const client = hubspotClient({ accessToken: portal.accessToken, sandbox: true }, sandbox.urls);
    expect((await callHubSpot(String(portal.portalId), () => client.crm.contacts.basicApi.getPage(1))).results).toEqual([]);
    await sandbox.setFaults('hubspot', { latencyMs: 2000 });
    try {
      const err = await callHubSpot(String(portal.portalId), () => client.crm.contacts.basicApi.getPage(1), 200).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(HubSpotUnreachableError);
      expect(hubspotErrorToAppError(err, 'reading contacts').code).toBe('provider_unavailable');
    } finally {
      await sandbox.setFaults('hubspot', { latencyMs: 0 });
    }
  });

  it('refuses unknown fields, empty tokens and unknown modes', async () => {
    for (const [path, body] of [
      ['/api/v1/connections/hubspot/test', { accessToken: 'pat-na1-x', portalId: '1' }],
      ['/api/v1/connections/hubspot/test', { accessToken: '' }],
      ['/api/v1/connections/hubspot/prod', { accessToken: 'pat-na1-x' }],
    ] as const) {
      const res = await team.admin.request('PUT', path, body);
      expect(res.statusCode, path).toBe(400);
    }
  });

  it('offers the one-step sandbox only in sandbox mode', async () => {
    const plain = await startTestApp(driver);
    try {
      const other = await createTeam(plain.app, 'hs-plain');
      const res = await other.admin.request('POST', '/api/v1/connections/hubspot/test/sandbox', {});
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toMatch(/sandbox mode/);
      const oauth = await other.admin.request('POST', '/api/v1/connections/hubspot/test/oauth', {});
      expect(oauth.statusCode).toBe(400);
      expect(oauth.json().error.message).toMatch(/HUBSPOT_CLIENT_ID/);
    } finally {
      await plain.close();
    }
  });
});

describe('hubspotClient', () => {
  it('uses the official client’s default https://api.hubapi.com for real connections, and the stand-in only for sandbox ones', () => {
    const real = hubspotClient({ accessToken: 'pat-na1-real', sandbox: false }, { stripe: 'x', hubspot: 'http://127.0.0.1:1', paypal: 'y' });
    expect(real.config.basePath).toBeUndefined();
    expect(real.config.numberOfApiCallRetries).toBe(0);
    const sandboxed = hubspotClient({ accessToken: 'pat-na1-sb', sandbox: true }, { stripe: 'x', hubspot: 'http://127.0.0.1:1', paypal: 'y' });
    expect(sandboxed.config.basePath).toBe('http://127.0.0.1:1');
    expect(() => hubspotClient({ accessToken: 'pat-na1-sb', sandbox: true }, undefined)).toThrow(/not running in sandbox mode/);
  });
});
