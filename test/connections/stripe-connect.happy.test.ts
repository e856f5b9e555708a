import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadStripeConnection } from '../../src/providers/stripe/load-stripe-connection.js';
import { stripeWebhookEvents } from '../../src/providers/stripe/webhook-endpoint.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/start-sandbox.js';
import { drivers } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/harness.js';
import { createTeam } from '../helpers/team.js';
import { mintKeys, rawConnectionRows, webhookEndpointsAt } from './stripe-connection-helpers.js';

describe.each(drivers)('connect Stripe (%s)', (driver) => {
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

  it('checks and stores the keys sealed, shows only a hint and the publishable key, and creates the webhook endpoint', async () => {
    const team = await createTeam(t.app, 'conn');
    const keys = await mintKeys(sandbox);

    const res = await team.admin.request('PUT', '/api/v1/connections/stripe/test', keys.test);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      provider: 'stripe',
      mode: 'test',
      connected: true,
      sandbox: true,
      hint: `sk_test_…${keys.test.secretKey.slice(-4)}`,
      publishableKey: keys.test.publishableKey,
    });
    expect(res.body).not.toContain(keys.test.secretKey);

    const [endpoint, ...others] = await webhookEndpointsAt(sandbox, keys.test.secretKey);
    expect(others).toEqual([]);
    expect(endpoint.url).toBe(`http://localhost:3000/api/webhooks/stripe/${team.accountId}`);
    expect([...endpoint.enabled_events].sort()).toEqual([...stripeWebhookEvents].sort());
    expect(endpoint.status).toBe('enabled');

    const [row, ...moreRows] = await rawConnectionRows(t, team.accountId);
    expect(moreRows).toEqual([]);
    const conn = await loadStripeConnection(t.ctx, team.accountId, 'test');
    expect(conn).toMatchObject({ secretKey: keys.test.secretKey, publishableKey: keys.test.publishableKey, webhookEndpointId: endpoint.id, sandbox: true });
    expect(conn!.webhookSecret).toMatch(/^whsec_/);
    const rawRow = JSON.stringify(row);
    expect(rawRow).not.toContain(keys.test.secretKey);
    expect(rawRow).not.toContain(conn!.webhookSecret);
    expect(row.credentials).toMatch(/^v1\./);
    expect(row.key_id).toBe(t.ctx.secretBox.activeKeyId);

    // The stored secret is the endpoint's: it verifies what Stripe signs for this endpoint.
    const payload = JSON.stringify({ id: 'evt_1', object: 'event', type: 'payment_intent.succeeded' });
    const header = Stripe.webhooks.generateTestHeaderString({ payload, secret: conn!.webhookSecret });
    expect(conn!.client.webhooks.constructEvent(payload, header, conn!.webhookSecret).id).toBe('evt_1');
    // The loaded client acts on the merchant's Stripe account.
    expect((await conn!.client.webhookEndpoints.retrieve(endpoint.id)).id).toBe(endpoint.id);

    for (const client of [team.viewer, team.owner]) {
      const list = await client.request('GET', '/api/v1/connections');
      expect(list.statusCode).toBe(200);
      expect(list.body).not.toContain(keys.test.secretKey);
      expect(list.body).not.toContain(conn!.webhookSecret);
      expect(list.body).not.toContain('whsec_');
      const data = list.json().data as { provider: string; mode: string; connected: boolean }[];
      expect(data).toHaveLength(6);
      expect(data.find((c) => c.provider === 'stripe' && c.mode === 'test')).toMatchObject({
        connected: true,
        hint: `sk_test_…${keys.test.secretKey.slice(-4)}`,
        publishableKey: keys.test.publishableKey,
        sandbox: true,
        createdAt: expect.any(String),
      });
      expect(data.filter((c) => c.connected)).toHaveLength(1);
    }

    const auditLog = (await team.owner.request('GET', '/api/v1/audit-log')).json().data as { action: string; target: string }[];
    expect(auditLog.some((e) => e.action === 'connection.created' && e.target === 'stripe:test')).toBe(true);
  });

  it('replaces the webhook endpoint on reconnect, also at the previous Stripe account', async () => {
    const team = await createTeam(t.app, 'reconn');
    const first = await mintKeys(sandbox);
    const second = await mintKeys(sandbox);
    expect((await team.admin.request('PUT', '/api/v1/connections/stripe/test', first.test)).statusCode).toBe(200);
    const [original] = await webhookEndpointsAt(sandbox, first.test.secretKey);

    expect((await team.admin.request('PUT', '/api/v1/connections/stripe/test', first.test)).statusCode).toBe(200);
    const afterSameKeys = await webhookEndpointsAt(sandbox, first.test.secretKey);
    expect(afterSameKeys).toHaveLength(1);
    expect(afterSameKeys[0].id).not.toBe(original.id);

    const res = await team.owner.request('PUT', '/api/v1/connections/stripe/test', second.test);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().publishableKey).toBe(second.test.publishableKey);
    expect(await webhookEndpointsAt(sandbox, first.test.secretKey)).toEqual([]);
    expect(await webhookEndpointsAt(sandbox, second.test.secretKey)).toHaveLength(1);
    expect(await rawConnectionRows(t, team.accountId)).toHaveLength(1);
    expect((await loadStripeConnection(t.ctx, team.accountId, 'test'))!.secretKey).toBe(second.test.secretKey);
  });

  it('disconnects: removes the webhook endpoint at Stripe and the stored keys', async () => {
    const team = await createTeam(t.app, 'disc');
    const keys = await mintKeys(sandbox);
    expect((await team.admin.request('PUT', '/api/v1/connections/stripe/test', keys.test)).statusCode).toBe(200);

    const res = await team.admin.request('DELETE', '/api/v1/connections/stripe/test');
    expect(res.statusCode, res.body).toBe(204);
    expect(await webhookEndpointsAt(sandbox, keys.test.secretKey)).toEqual([]);
    expect(await rawConnectionRows(t, team.accountId)).toEqual([]);
    expect(await loadStripeConnection(t.ctx, team.accountId, 'test')).toBeNull();
    const data = (await team.viewer.request('GET', '/api/v1/connections')).json().data as { connected: boolean }[];
    expect(data.every((c) => !c.connected)).toBe(true);

    // Disconnecting what is not connected is a no-op.
    expect((await team.admin.request('DELETE', '/api/v1/connections/stripe/test')).statusCode).toBe(204);
    const auditLog = (await team.owner.request('GET', '/api/v1/audit-log')).json().data as { action: string }[];
    expect(auditLog.filter((e) => e.action === 'connection.removed')).toHaveLength(1);
  });

  it('disconnects even when the endpoint was already deleted at Stripe', async () => {
    const team = await createTeam(t.app, 'gone');
    const keys = await mintKeys(sandbox);
    expect((await team.admin.request('PUT', '/api/v1/connections/stripe/test', keys.test)).statusCode).toBe(200);
    const conn = await loadStripeConnection(t.ctx, team.accountId, 'test');
    await conn!.client.webhookEndpoints.del(conn!.webhookEndpointId);
    expect((await team.admin.request('DELETE', '/api/v1/connections/stripe/test')).statusCode).toBe(204);
    expect(await rawConnectionRows(t, team.accountId)).toEqual([]);
  });

  it('keeps test and live connections independent', async () => {
    const team = await createTeam(t.app, 'modes');
    const keys = await mintKeys(sandbox);
    expect((await team.admin.request('PUT', '/api/v1/connections/stripe/test', keys.test)).statusCode).toBe(200);
    const live = await team.admin.request('PUT', '/api/v1/connections/stripe/live', keys.live);
    expect(live.statusCode, live.body).toBe(200);
    expect(live.json()).toMatchObject({ mode: 'live', hint: `sk_live_…${keys.live.secretKey.slice(-4)}`, publishableKey: keys.live.publishableKey });

    const testConn = await loadStripeConnection(t.ctx, team.accountId, 'test');
    const liveConn = await loadStripeConnection(t.ctx, team.accountId, 'live');
    expect(testConn!.secretKey).toBe(keys.test.secretKey);
    expect(liveConn!.secretKey).toBe(keys.live.secretKey);
    expect(testConn!.webhookSecret).not.toBe(liveConn!.webhookSecret);
    expect((await webhookEndpointsAt(sandbox, keys.live.secretKey))[0].livemode).toBe(true);

    expect((await team.admin.request('DELETE', '/api/v1/connections/stripe/live')).statusCode).toBe(204);
    expect(await loadStripeConnection(t.ctx, team.accountId, 'live')).toBeNull();
    expect((await loadStripeConnection(t.ctx, team.accountId, 'test'))!.webhookEndpointId).toBe(testConn!.webhookEndpointId);
    expect(await webhookEndpointsAt(sandbox, keys.test.secretKey)).toHaveLength(1);
    expect(await webhookEndpointsAt(sandbox, keys.live.secretKey)).toEqual([]);
  });

  it('connects a fresh sandbox Stripe account in one step', async () => {
    const team = await createTeam(t.app, 'oneStep');
    const res = await team.admin.request('POST', '/api/v1/connections/stripe/test/sandbox', {});
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ provider: 'stripe', mode: 'test', connected: true, sandbox: true, publishableKey: expect.stringMatching(/^pk_test_/) });
    expect(res.body).not.toMatch(/sk_test_[A-Za-z0-9]{12}/);

    const conn = await loadStripeConnection(t.ctx, team.accountId, 'test');
    expect(conn!.secretKey).toMatch(/^sk_test_/);
    const endpoints = await webhookEndpointsAt(sandbox, conn!.secretKey);
    expect(endpoints.map((e) => e.url)).toEqual([`http://localhost:3000/api/webhooks/stripe/${team.accountId}`]);
    const [row] = await rawConnectionRows(t, team.accountId);
    expect(row.public_config).toMatchObject({ stripeAccountId: expect.stringMatching(/^acct_/), livemode: false });
    expect(JSON.stringify(row)).not.toContain(conn!.secretKey);
  });
});
