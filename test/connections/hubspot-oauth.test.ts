import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionContext } from '../../src/platform/crypto/rotate-secrets.js';
import { loadHubSpotConnection, openCredentials } from '../../src/providers/hubspot/load-hubspot-connection.js';
import { fetchHubSpotAccount } from '../../src/providers/hubspot/hubspot-account.js';
import { providerConnections } from '../../src/platform/db/schema.js';
import { withTenant } from '../../src/platform/db/tenant.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/start-sandbox.js';
import { drivers } from '../helpers/databases.js';
import { startTestApp, TestClient, type TestApp } from '../helpers/harness.js';
import { createTeam, type Team } from '../helpers/team.js';
import { approveAtStandIn } from './hubspot-connection-helpers.js';
import { rawConnectionRows } from './stripe-connection-helpers.js';

describe.each(drivers)('connect HubSpot with OAuth (%s)', (driver) => {
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

  async function start(client: TestClient, mode = 'test', body: unknown = { returnTo: '/settings/connections' }) {
    const res = await client.request('POST', `/api/v1/connections/hubspot/${mode}/oauth`, body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json().authorizeUrl as string;
  }

  /** Connects through the whole flow; returns the callback's redirect. */
  async function connect(team: Team, mode = 'test') {
    const authorizeUrl = await start(team.admin, mode);
    const callback = await approveAtStandIn(sandbox, authorizeUrl);
    return team.admin.request('GET', callback);
  }

  it('sends the browser to the consent page with a state, exchanges the code on the way back and stores the tokens sealed', async () => {
    const team = await createTeam(t.app, 'oauth');
    const authorizeUrl = new URL(await start(team.admin));
    expect(authorizeUrl.origin + authorizeUrl.pathname).toBe(`${sandbox.urls.hubspot}/oauth/authorize`);
    expect(authorizeUrl.searchParams.get('redirect_uri')).toBe('http://localhost:3000/api/v1/connections/hubspot/oauth/callback');
    expect(authorizeUrl.searchParams.get('scope')!.split(' ')).toEqual(expect.arrayContaining(['crm.objects.contacts.write', 'crm.schemas.deals.write']));
    expect(authorizeUrl.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const callback = await approveAtStandIn(sandbox, authorizeUrl.toString());
    const res = await team.admin.request('GET', callback);
    expect(res.statusCode, res.body).toBe(302);
    const back = new URL(res.headers.location as string);
    expect(back.origin + back.pathname).toBe('http://localhost:3000/settings/connections');
    expect(Object.fromEntries(back.searchParams)).toEqual({ mode: 'test', hubspot: 'connected' });

    const conn = (await loadHubSpotConnection(t.ctx, team.accountId, 'test'))!;
    expect(conn.authType).toBe('oauth');
    expect((await fetchHubSpotAccount(sandbox.urls.hubspot, conn.accessToken)).portalId).toBe(conn.portalId);
    const [row] = await t.ctx.database.db.select().from(providerConnections).where(eq(providerConnections.accountId, team.accountId));
    expect(openCredentials(t.ctx, row)).toMatchObject({ authType: 'oauth', accessToken: conn.accessToken, refreshToken: expect.any(String) });
    expect(JSON.stringify(await rawConnectionRows(t, team.accountId))).not.toContain(conn.accessToken);

    const list = (await team.viewer.request('GET', '/api/v1/connections')).json().data as { provider: string; mode: string }[];
    expect(list.find((c) => c.provider === 'hubspot' && c.mode === 'test')).toMatchObject({
      connected: true,
      hint: `OAuth, portal ${conn.portalId}`,
      hubspot: { authType: 'oauth', portalId: conn.portalId, hubDomain: `sandbox-${conn.portalId}.example.com` },
    });

    // The state is single use.
    const replay = await team.admin.request('GET', callback);
    expect(replay.statusCode).toBe(404);
    expect(replay.json().error.code).toBe('not_found');
  });

  it('binds the state to the session that started it', async () => {
    const team = await createTeam(t.app, 'oauth-bound');
    const callback = await approveAtStandIn(sandbox, await start(team.admin));
    // The same member signed in elsewhere, and the owner of the same account: neither may finish it.
    const otherSession = new TestClient(t.app);
    expect((await otherSession.login(team.emails.admin)).statusCode).toBe(200);
    for (const client of [otherSession, team.owner]) {
      const res = await client.request('GET', callback);
      expect(res.statusCode, res.body).toBe(404);
    }
    expect(await rawConnectionRows(t, team.accountId)).toEqual([]);
    // It is still usable by the session that started it.
    expect((await team.admin.request('GET', callback)).statusCode).toBe(302);
    expect(await rawConnectionRows(t, team.accountId)).toHaveLength(1);
  });

  it('sends the merchant back with the reason when access is not granted or the code is refused', async () => {
    const team = await createTeam(t.app, 'oauth-denied');
    const state = new URL(await start(team.admin)).searchParams.get('state')!;
    const denied = await team.admin.request('GET', `/api/v1/connections/hubspot/oauth/callback?error=access_denied&state=${state}`);
    expect(denied.statusCode).toBe(302);
    expect(Object.fromEntries(new URL(denied.headers.location as string).searchParams)).toEqual({ mode: 'test', hubspot: 'error', message: 'HubSpot access was not granted.' });

    const state2 = new URL(await start(team.admin, 'live')).searchParams.get('state')!;
    const badCode = await team.admin.request('GET', `/api/v1/connections/hubspot/oauth/callback?code=not-a-code&state=${state2}`);
    expect(badCode.statusCode).toBe(302);
    const params = new URL(badCode.headers.location as string).searchParams;
    expect(params.get('hubspot')).toBe('error');
    expect(params.get('mode')).toBe('live');
    expect(params.get('message')).toMatch(/^HubSpot refused the authorization code/);
    expect(await rawConnectionRows(t, team.accountId)).toEqual([]);
  });

  it('refuses a return path that leaves the dashboard, and a missing state', async () => {
    const team = await createTeam(t.app, 'oauth-return');
    for (const returnTo of ['//evil.example/x', 'https://evil.example/', '/\\evil.example', 'settings']) {
      const res = await team.admin.request('POST', '/api/v1/connections/hubspot/test/oauth', { returnTo });
      expect(res.statusCode, returnTo).toBe(400);
    }
    expect((await team.admin.request('GET', '/api/v1/connections/hubspot/oauth/callback?code=x')).statusCode).toBe(400);
    // No body at all is fine: back to /.
    expect((await team.admin.request('POST', '/api/v1/connections/hubspot/test/oauth')).statusCode).toBe(201);
  });

  it('refreshes the access token before it expires, and when HubSpot says it has', async () => {
    const team = await createTeam(t.app, 'oauth-refresh');
    expect((await connect(team)).statusCode).toBe(302);
    const first = (await loadHubSpotConnection(t.ctx, team.accountId, 'test'))!;

    // Sandbox time passes the token's 30 minutes: HubSpot refuses it, a forced refresh gets a working one.
    sandbox.clock.advance(31 * 60 * 1000);
    await expect(fetchHubSpotAccount(sandbox.urls.hubspot, first.accessToken)).rejects.toMatchObject({ status: 401 });
    const forced = (await loadHubSpotConnection(t.ctx, team.accountId, 'test', { forceRefresh: true }))!;
    expect(forced.accessToken).not.toBe(first.accessToken);
    expect((await fetchHubSpotAccount(sandbox.urls.hubspot, forced.accessToken)).portalId).toBe(first.portalId);
    expect((await loadHubSpotConnection(t.ctx, team.accountId, 'test'))!.accessToken).toBe(forced.accessToken);

    // A stored token within five minutes of its expiry is refreshed on load, once for concurrent loads.
    const [row] = await t.ctx.database.db.select().from(providerConnections).where(eq(providerConnections.accountId, team.accountId));
    const credentials = openCredentials(t.ctx, row);
    const nearlyExpired = { ...credentials, expiresAt: new Date(Date.now() + 60_000).toISOString() };
    await t.ctx.database.db
      .update(providerConnections)
      .set({ credentials: t.ctx.secretBox.seal(JSON.stringify(nearlyExpired), connectionContext(row)) })
      .where(eq(providerConnections.id, row.id));
    const [a, b] = await Promise.all([loadHubSpotConnection(t.ctx, team.accountId, 'test'), loadHubSpotConnection(t.ctx, team.accountId, 'test')]);
    expect(a!.accessToken).not.toBe(forced.accessToken);
    expect(b!.accessToken).toBe(a!.accessToken);
    const [after] = await t.ctx.database.db.select().from(providerConnections).where(eq(providerConnections.id, row.id));
    expect(Date.parse((openCredentials(t.ctx, after) as { expiresAt: string }).expiresAt)).toBeGreaterThan(Date.now() + 20 * 60_000);

    // Inside the caller's tenant transaction, the refreshed token is stored through that transaction.
    await t.ctx.database.db
      .update(providerConnections)
      .set({ credentials: t.ctx.secretBox.seal(JSON.stringify({ ...openCredentials(t.ctx, after), expiresAt: new Date().toISOString() }), connectionContext(row)) })
      .where(eq(providerConnections.id, row.id));
    const inTx = await withTenant(t.ctx.database, team.accountId, (tx) => loadHubSpotConnection(t.ctx, { tx, accountId: team.accountId }, 'test'));
    expect(inTx!.accessToken).not.toBe(a!.accessToken);
    expect((await loadHubSpotConnection(t.ctx, team.accountId, 'test'))!.accessToken).toBe(inTx!.accessToken);
    expect((await fetchHubSpotAccount(sandbox.urls.hubspot, inTx!.accessToken)).portalId).toBe(first.portalId);
  });

  it('revokes the refresh token when disconnected', async () => {
    const team = await createTeam(t.app, 'oauth-revoke');
    expect((await connect(team)).statusCode).toBe(302);
    const [row] = await t.ctx.database.db.select().from(providerConnections).where(eq(providerConnections.accountId, team.accountId));
    const { refreshToken } = openCredentials(t.ctx, row) as { refreshToken: string };
    const introspect = async () => {
      const res = await fetch(`${sandbox.urls.hubspot}/oauth/2026-03/token/introspect`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ client_id: 'onepagepay-sandbox', client_secret: 'onepagepay-sandbox-secret', token: refreshToken, token_type_hint: 'refresh_token' }),
      });
      return ((await res.json()) as { active: boolean }).active;
    };
    expect(await introspect()).toBe(true);
    expect((await team.admin.request('DELETE', '/api/v1/connections/hubspot/test')).statusCode).toBe(204);
    expect(await introspect()).toBe(false);
  });

  it("uses only HubSpot's current OAuth token API (2026-03), never the deprecated v1 endpoints", async () => {
    const calls = async () => (await (await fetch(`${sandbox.urls.hubspot}/__sandbox/hubspot/oauth-calls`)).json()) as Record<string, number>;
    const before = await calls();
    const team = await createTeam(t.app, 'oauth-current');
    expect((await connect(team)).statusCode).toBe(302);
    const [row] = await t.ctx.database.db.select().from(providerConnections).where(eq(providerConnections.accountId, team.accountId));
    await t.ctx.database.db
      .update(providerConnections)
      .set({ credentials: t.ctx.secretBox.seal(JSON.stringify({ ...openCredentials(t.ctx, row!), expiresAt: new Date().toISOString() }), connectionContext(row!)) })
      .where(eq(providerConnections.id, row!.id));
    expect(await loadHubSpotConnection(t.ctx, team.accountId, 'test')).toBeTruthy(); // refreshes
    expect((await team.admin.request('DELETE', '/api/v1/connections/hubspot/test')).statusCode).toBe(204);
    const after = await calls();
    const delta = (route: string) => (after[route] ?? 0) - (before[route] ?? 0);
    expect(delta('POST /oauth/2026-03/token')).toBe(2); // the code, then the refresh
    expect(delta('POST /oauth/2026-03/token/introspect')).toBe(1);
    expect(delta('POST /oauth/2026-03/token/revoke')).toBe(1);
    expect(Object.keys(after).filter((route) => route.includes('/oauth/v1/') && delta(route) > 0)).toEqual([]);
  });
});
