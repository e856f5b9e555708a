import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { providerAvailability } from '../../src/monitor/provider-availability.js';
import { startProviderMonitor } from '../../src/monitor/provider-monitor.js';
import { pruneStatusHistory, runProviderChecks, type CheckOptions } from '../../src/monitor/run-checks.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/start-sandbox.js';
import { approveAtStandIn } from '../connections/hubspot-connection-helpers.js';
import { drivers } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/harness.js';
import { createTeam, type Team } from '../helpers/team.js';
import { until } from './until.js';

// Every result counts as due at once (interval 1 ms): each round checks everything again.
const everyRound: CheckOptions = { intervalMs: 1, timeoutMs: 2000 };

describe.each(drivers)('provider monitoring (%s)', (driver) => {
  let sandbox: RunningSandbox;
  let t: TestApp;
  let team: Team;

  beforeAll(async () => {
    sandbox = await startSandbox();
    t = await startTestApp(driver, {}, { sandboxUrls: sandbox.urls });
    team = await createTeam(t.app, 'monitor');
    for (const provider of ['stripe', 'hubspot']) {
      const res = await team.admin.request('POST', `/api/v1/connections/${provider}/test/sandbox`, {});
      expect(res.statusCode, res.body).toBe(201);
    }
  });
  afterAll(async () => {
    await t?.close();
    await sandbox?.close();
  });
  afterEach(async () => {
    for (const provider of ['stripe', 'hubspot', 'paypal'] as const) await sandbox.setFaults(provider, { outage: 'off', latencyMs: 0 });
  });

  const health = async () => (await team.viewer.request('GET', '/api/v1/provider-health')).json();
  const statusOf = async (provider: string, mode = 'test') => (await health()).data.find((d: { provider: string; mode: string }) => d.provider === provider && d.mode === mode);
  const history = async (provider: string) => (await team.viewer.request('GET', `/api/v1/provider-health/${provider}/test/history`)).json();
  const availability = () => providerAvailability(t.ctx, { accountId: team.accountId, mode: 'test' }, ['stripe', 'hubspot']);

  it('checks every connection and each provider’s reachability, and records the first period', async () => {
    const ran = await runProviderChecks(t.ctx, everyRound);
    expect(ran.connections).toBeGreaterThanOrEqual(2);
    expect(ran.reachability).toBe(3);
    const body = await health();
    expect(body.intervalSeconds).toBe(30);
    for (const provider of ['stripe', 'hubspot']) {
      expect(await statusOf(provider)).toMatchObject({ status: 'up', reason: 'ok', stale: false, latencyMs: expect.any(Number), checkedAt: expect.any(String) });
      const events = (await history(provider)).data;
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ status: 'up', endedAt: null });
    }
    expect(body.reachability.map((r: { provider: string; status: string }) => [r.provider, r.status])).toEqual([
      ['hubspot', 'up'],
      ['paypal', 'up'],
      ['stripe', 'up'],
    ]);
    expect(await availability()).toEqual({ available: true, message: null });
  });

  it('marks a provider down when it fails, closes the period, and recovers by itself', async () => {
    await runProviderChecks(t.ctx, everyRound);
    await sandbox.setFaults('hubspot', { outage: '503' });
    await runProviderChecks(t.ctx, everyRound);
    expect(await statusOf('hubspot')).toMatchObject({ status: 'down', reason: 'server_error', detail: 'HubSpot answered HTTP 503.' });
    expect(await statusOf('stripe')).toMatchObject({ status: 'up' });
    expect(await availability()).toEqual({
      available: false,
      message: 'Payments are temporarily unavailable: our customer records service (HubSpot) cannot be reached. Please try again in a few minutes.',
    });
    expect((await providerAvailability(t.ctx, { accountId: team.accountId, mode: 'test' }, ['stripe'])).available).toBe(true);
    const [downPeriod, upPeriod] = (await history('hubspot')).data;
    expect(downPeriod).toMatchObject({ status: 'down', reason: 'server_error', endedAt: null });
    expect(upPeriod).toMatchObject({ status: 'up', endedAt: downPeriod.startedAt });

    await sandbox.setFaults('hubspot', { outage: 'off' });
    await runProviderChecks(t.ctx, everyRound);
    expect(await statusOf('hubspot')).toMatchObject({ status: 'up', reason: 'ok' });
    expect(await availability()).toEqual({ available: true, message: null });
    expect((await history('hubspot')).data.map((e: { status: string }) => e.status).slice(0, 3)).toEqual(['up', 'down', 'up']);
  });

  it('tells a refused connection, a timeout and refused connections apart', async () => {
    await sandbox.setFaults('stripe', { latencyMs: 1500 });
    await runProviderChecks(t.ctx, { intervalMs: 1, timeoutMs: 300 });
    expect(await statusOf('stripe')).toMatchObject({ status: 'down', reason: 'timeout', detail: 'Stripe did not answer within 0.3 s.' });
    await sandbox.setFaults('stripe', { latencyMs: 0 });

    await sandbox.setFaults('hubspot', { outage: 'refuse' });
    await runProviderChecks(t.ctx, everyRound);
    expect(await statusOf('hubspot')).toMatchObject({ status: 'down', reason: 'unreachable' });
    expect((await health()).reachability.find((r: { provider: string }) => r.provider === 'hubspot')).toMatchObject({ status: 'down', reason: 'unreachable' });
    await sandbox.setFaults('hubspot', { outage: 'off' });
    await runProviderChecks(t.ctx, everyRound);
    expect(await statusOf('hubspot')).toMatchObject({ status: 'up' });
  });

  it("checks a PayPal connection with a token call: down when PayPal fails or is slow, up again by itself", async () => {
    const res = await team.admin.request('POST', '/api/v1/connections/paypal/test/sandbox', {});
    expect(res.statusCode, res.body).toBe(201);
    await runProviderChecks(t.ctx, everyRound);
    expect(await statusOf('paypal')).toMatchObject({ status: 'up', reason: 'ok' });

    await sandbox.setFaults('paypal', { outage: '503' });
    await runProviderChecks(t.ctx, everyRound);
    expect(await statusOf('paypal')).toMatchObject({ status: 'down', reason: 'server_error', detail: 'PayPal answered HTTP 503.' });
    expect((await providerAvailability(t.ctx, { accountId: team.accountId, mode: 'test' }, ['paypal'])).message).toMatch(/PayPal cannot be reached/);
    await sandbox.setFaults('paypal', { outage: 'off', latencyMs: 1500 });
    await runProviderChecks(t.ctx, { intervalMs: 1, timeoutMs: 300 });
    expect(await statusOf('paypal')).toMatchObject({ status: 'down', reason: 'timeout', detail: 'PayPal did not answer within 0.3 s.' });
    await sandbox.setFaults('paypal', { latencyMs: 0 });

    await runProviderChecks(t.ctx, everyRound);
    expect(await statusOf('paypal')).toMatchObject({ status: 'up', reason: 'ok' });
    expect((await team.admin.request('DELETE', '/api/v1/connections/paypal/test')).statusCode).toBe(204);
  });

  it('reports an OAuth grant HubSpot no longer honours as refused credentials, with its own buyer message', async () => {
    const other = await createTeam(t.app, 'monitor-oauth');
    const authorizeUrl = (await other.admin.request('POST', '/api/v1/connections/hubspot/test/oauth', {})).json().authorizeUrl;
    expect((await other.admin.request('GET', await approveAtStandIn(sandbox, authorizeUrl))).statusCode).toBe(302);
    const [row] = (await t.ctx.database.query<{ credentials: string }>(`SELECT credentials FROM provider_connections WHERE account_id = $1`, [other.accountId])).rows;
    const { refreshToken } = JSON.parse(t.ctx.secretBox.open(row.credentials, `provider_connections:${other.accountId}:test:hubspot`));
    // The merchant uninstalled the app in HubSpot, and the access token ran out.
    await fetch(`${sandbox.urls.hubspot}/oauth/v1/refresh-tokens/${refreshToken}`, { method: 'DELETE' });
    sandbox.clock.advance(31 * 60 * 1000);

    await runProviderChecks(t.ctx, everyRound);
    const status = (await other.viewer.request('GET', '/api/v1/provider-health')).json().data[0];
    expect(status).toMatchObject({ provider: 'hubspot', status: 'down', reason: 'credentials_refused' });
    expect(status.detail).toMatch(/refresh/i);
    expect(await providerAvailability(t.ctx, { accountId: other.accountId, mode: 'test' }, ['hubspot'])).toEqual({
      available: false,
      message: 'Payments are temporarily unavailable: this merchant’s HubSpot connection needs attention. Please try again later.',
    });
  });

  it('checks each connection once when instances run rounds together, and skips fresh results', async () => {
    const { rows } = await t.ctx.database.query<{ portal: string }>(
      `SELECT public_config->>'portalId' AS portal FROM provider_connections WHERE account_id = $1 AND provider = 'hubspot'`,
      [team.accountId],
    );
    const detailsCalls = async () =>
      (await (await fetch(`${sandbox.urls.hubspot}/__sandbox/hubspot/portals/${rows[0].portal}/stats`)).json()).byEndpoint['GET /account-info/v3/details'] ?? 0;
    const before = await detailsCalls();
    const options: CheckOptions = { intervalMs: 60_000, timeoutMs: 2000 };
    await t.ctx.database.query(`UPDATE provider_status SET checked_at = now() - interval '1 hour'`);
    await t.ctx.database.query(`UPDATE provider_reachability SET checked_at = now() - interval '1 hour'`);
    // Two instances' rounds at the same moment, on one database.
    const [a, b] = await Promise.all([runProviderChecks(t.ctx, options), runProviderChecks({ ...t.ctx }, options)]);
    expect(a.reachability + b.reachability).toBe(3);
    expect(await detailsCalls()).toBe(before + 1);
    // Everything is fresh now: another round checks nothing.
    expect(await runProviderChecks(t.ctx, options)).toEqual({ connections: 0, reachability: 0 });
    expect(await detailsCalls()).toBe(before + 1);
  });

  it('keeps the history bounded and closes the period of a removed connection', async () => {
    const other = await createTeam(t.app, 'monitor-prune');
    expect((await other.admin.request('POST', '/api/v1/connections/stripe/live/sandbox', {})).statusCode).toBe(201);
    await runProviderChecks(t.ctx, everyRound);
    await t.ctx.database.query(
      `INSERT INTO provider_status_events (account_id, mode, provider, status, reason, started_at, ended_at)
       VALUES ($1, 'live', 'stripe', 'down', 'timeout', now() - interval '40 days', now() - interval '31 days'),
              ($1, 'live', 'stripe', 'up', 'ok', now() - interval '31 days', now() - interval '29 days')`,
      [other.accountId],
    );
    expect((await other.admin.request('DELETE', '/api/v1/connections/stripe/live')).statusCode).toBe(204);
    await pruneStatusHistory(t.ctx);
    const events = (await other.viewer.request('GET', '/api/v1/provider-health/stripe/live/history')).json().data as { status: string; endedAt: string | null }[];
    expect(events.map((e) => e.status)).toEqual(['up', 'up']);
    expect(events.every((e) => e.endedAt !== null)).toBe(true);
    expect((await other.viewer.request('GET', '/api/v1/provider-health')).json().data).toEqual([]);
  });

  it("shows another account none of this account's health or history", async () => {
    await sandbox.setFaults('hubspot', { outage: '503' });
    await runProviderChecks(t.ctx, everyRound);
    expect((await history('hubspot')).data.length).toBeGreaterThan(0);
    const stranger = await createTeam(t.app, 'monitor-stranger');
    const list = (await stranger.admin.request('GET', '/api/v1/provider-health')).json();
    expect(list.data).toEqual([]);
    for (const provider of ['stripe', 'hubspot']) {
      const res = await stranger.admin.request('GET', `/api/v1/provider-health/${provider}/test/history`);
      expect(res.json()).toEqual({ data: [], nextCursor: null });
    }
    // A cursor naming one of this account's events matches nothing for the stranger.
    const cursor = (await history('hubspot')).data[0].id;
    expect((await stranger.admin.request('GET', `/api/v1/provider-health/hubspot/test/history?cursor=${cursor}`)).json()).toEqual({ data: [], nextCursor: null });
  });

  it('pages the history newest first', async () => {
    for (let i = 0; i < 3; i++) {
      await sandbox.setFaults('stripe', { outage: '503' });
      await runProviderChecks(t.ctx, everyRound);
      await sandbox.setFaults('stripe', { outage: 'off' });
      await runProviderChecks(t.ctx, everyRound);
    }
    const all = (await team.viewer.request('GET', '/api/v1/provider-health/stripe/test/history?limit=100')).json().data as { id: string }[];
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await team.viewer.request('GET', `/api/v1/provider-health/stripe/test/history?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      seen.push(...res.json().data.map((e: { id: string }) => e.id));
      cursor = res.json().nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((e) => e.id));
    expect(all.length).toBeGreaterThanOrEqual(7);
    expect((await team.viewer.request('GET', '/api/v1/provider-health/stripe/test/history?cursor=999999999')).json()).toEqual({ data: [], nextCursor: null });
    expect((await team.viewer.request('GET', '/api/v1/provider-health/square/test/history')).statusCode).toBe(400);
  });

  it('runs rounds on its own: a provider that goes down is reported within a round, and back up the same way', async () => {
    const monitor = startProviderMonitor(t.ctx, { intervalMs: 200, timeoutMs: 1000 });
    try {
      await until(async () => (await availability()).available);
      await sandbox.setFaults('stripe', { outage: '503' });
      await until(async () => !(await availability()).available);
      expect((await availability()).message).toMatch(/card processor/);
      await sandbox.setFaults('stripe', { outage: 'off' });
      await until(async () => (await availability()).available);
    } finally {
      await monitor.stop();
    }
  });

  it('exposes provider gauges and check metrics at /metrics, behind METRICS_TOKEN when set (always outside sandbox mode)', async () => {
    await sandbox.setFaults('hubspot', { outage: '503' });
    await runProviderChecks(t.ctx, everyRound);
    const res = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.body).toContain('onepagepay_provider_up{provider="hubspot"} 0');
    expect(res.body).toContain('onepagepay_provider_up{provider="stripe"} 1');
    expect(res.body).toMatch(/onepagepay_provider_connections\{provider="hubspot",mode="test",status="down"\} [1-9]/);
    expect(res.body).toMatch(/onepagepay_provider_checks_total\{provider="stripe",kind="connection",result="up"\} [1-9]/);
    expect(res.body).toContain('onepagepay_provider_check_duration_seconds_bucket');
    expect(res.body).not.toContain(team.accountId);

    const guarded = await startTestApp(driver, { METRICS_TOKEN: 'scrape-secret-123' });
    try {
      expect((await guarded.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
      expect((await guarded.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer wrong' } })).statusCode).toBe(401);
      expect((await guarded.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer scrape-secret-123' } })).statusCode).toBe(200);
    } finally {
      await guarded.close();
    }
    // Outside sandbox mode the token is required: without one, /metrics is closed.
    const production = await startTestApp(driver, { SANDBOX: '0' });
    try {
      const closed = await production.app.inject({ method: 'GET', url: '/metrics' });
      expect(closed.statusCode).toBe(403);
      expect(closed.json().error.message).toMatch(/METRICS_TOKEN/);
    } finally {
      await production.close();
    }
  });
});

describe('monitor configuration', () => {
  it('reads MONITOR_INTERVAL_SECONDS, 30 by default', () => {
    expect(loadConfig({}).monitorIntervalSeconds).toBe(30);
    expect(loadConfig({ MONITOR_INTERVAL_SECONDS: '5' }).monitorIntervalSeconds).toBe(5);
    expect(() => loadConfig({ MONITOR_INTERVAL_SECONDS: '0' })).toThrow(/MONITOR_INTERVAL_SECONDS/);
  });
});
