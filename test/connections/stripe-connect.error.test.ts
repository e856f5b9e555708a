import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/start-sandbox.js';
import { drivers } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/harness.js';
import { createTeam, type Team } from '../helpers/team.js';
import { mintKeys, rawConnectionRows, webhookEndpointsAt } from './stripe-connection-helpers.js';

describe.each(drivers)('connect Stripe: refusals (%s)', (driver) => {
  let sandbox: RunningSandbox;
  let t: TestApp;
  let team: Team;

  beforeAll(async () => {
    sandbox = await startSandbox();
    t = await startTestApp(driver, {}, { sandboxUrls: sandbox.urls });
    team = await createTeam(t.app, 'refused');
  });
  afterAll(async () => {
    await t?.close();
    await sandbox?.close();
  });

  it('refuses a key Stripe rejects with 422 and Stripe’s message, storing nothing', async () => {
    const res = await team.admin.request('PUT', '/api/v1/connections/stripe/test', { secretKey: 'sk_test_revoked_key', publishableKey: 'pk_test_abc' });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().error.code).toBe('unprocessable');
    expect(res.json().error.message).toContain('Invalid API Key provided');
    expect(res.body).not.toContain('sk_test_revoked_key');
    expect(await rawConnectionRows(t, team.accountId)).toEqual([]);
  });

  it.each([
    ['a live secret key on test', 'test', { secretKey: 'sk_live_abc123', publishableKey: 'pk_test_abc123' }, 'live-mode'],
    ['a test secret key on live', 'live', { secretKey: 'rk_test_abc123', publishableKey: 'pk_live_abc123' }, 'test-mode'],
    ['a live publishable key on test', 'test', { secretKey: 'sk_test_abc123', publishableKey: 'pk_live_abc123' }, 'live-mode'],
    ['a publishable key as the secret key', 'test', { secretKey: 'pk_test_abc123', publishableKey: 'pk_test_abc123' }, 'secret key'],
    ['a secret key as the publishable key', 'test', { secretKey: 'sk_test_abc123', publishableKey: 'sk_test_abc123' }, 'publishable key'],
    ['something that is no key', 'test', { secretKey: 'hello world', publishableKey: 'pk_test_abc123' }, 'secret key'],
  ])('refuses %s with 400 before calling Stripe', async (_name, mode, body, message) => {
    const res = await team.admin.request('PUT', `/api/v1/connections/stripe/${mode}`, body);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    expect(res.json().error.message).toContain(message);
    expect(await rawConnectionRows(t, team.accountId)).toEqual([]);
  });

  it('refuses unknown fields and unknown modes', async () => {
    const extra = await team.admin.request('PUT', '/api/v1/connections/stripe/test', { secretKey: 'sk_test_abc', publishableKey: 'pk_test_abc', webhookSecret: 'whsec_x' });
    expect(extra.statusCode).toBe(400);
    const mode = await team.admin.request('PUT', '/api/v1/connections/stripe/prod', { secretKey: 'sk_test_abc', publishableKey: 'pk_test_abc' });
    expect(mode.statusCode).toBe(400);
  });

  it('answers 503 when Stripe is down, storing nothing and leaving no endpoint behind', async () => {
    const keys = await mintKeys(sandbox);
    await sandbox.setFaults('stripe', { outage: '503' });
    try {
      const res = await team.admin.request('PUT', '/api/v1/connections/stripe/test', keys.test);
      expect(res.statusCode, res.body).toBe(503);
      expect(res.json().error.code).toBe('provider_unavailable');
      const oneStep = await team.admin.request('POST', '/api/v1/connections/stripe/test/sandbox', {});
      expect(oneStep.statusCode, oneStep.body).toBe(503);
    } finally {
      await sandbox.setFaults('stripe', { outage: 'off' });
    }
    expect(await rawConnectionRows(t, team.accountId)).toEqual([]);
    expect(await webhookEndpointsAt(sandbox, keys.test.secretKey)).toEqual([]);
  });

  it('keeps the connection when Stripe is down at disconnect, so it can be retried', async () => {
    const other = await createTeam(t.app, 'retry');
    const keys = await mintKeys(sandbox);
    expect((await other.admin.request('PUT', '/api/v1/connections/stripe/test', keys.test)).statusCode).toBe(200);
    await sandbox.setFaults('stripe', { outage: '503' });
    try {
      const res = await other.admin.request('DELETE', '/api/v1/connections/stripe/test');
      expect(res.statusCode, res.body).toBe(503);
    } finally {
      await sandbox.setFaults('stripe', { outage: 'off' });
    }
    expect(await rawConnectionRows(t, other.accountId)).toHaveLength(1);
    expect((await other.admin.request('DELETE', '/api/v1/connections/stripe/test')).statusCode).toBe(204);
    expect(await webhookEndpointsAt(sandbox, keys.test.secretKey)).toEqual([]);
  });

  it('lets a viewer see connections but not connect, disconnect or use the sandbox', async () => {
    const keys = await mintKeys(sandbox);
    expect((await team.viewer.request('GET', '/api/v1/connections')).statusCode).toBe(200);
    for (const [method, url, body] of [
      ['PUT', '/api/v1/connections/stripe/test', keys.test],
      ['DELETE', '/api/v1/connections/stripe/test', undefined],
      ['POST', '/api/v1/connections/stripe/test/sandbox', {}],
    ] as const) {
      const res = await team.viewer.request(method, url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
    }
    expect(await rawConnectionRows(t, team.accountId)).toEqual([]);
    expect(await webhookEndpointsAt(sandbox, keys.test.secretKey)).toEqual([]);
  });
});

describe.each(drivers)('connect Stripe outside sandbox mode (%s)', (driver) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(driver);
  });
  afterAll(() => t?.close());

  it('refuses the one-step sandbox connection with a clear message', async () => {
    const team = await createTeam(t.app, 'real');
    const res = await team.admin.request('POST', '/api/v1/connections/stripe/test/sandbox', {});
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('sandbox mode');
    expect(await rawConnectionRows(t, team.accountId)).toEqual([]);
  });
});

describe.each(drivers)('connect a real provider with a PUBLIC_URL it cannot reach (%s)', (driver) => {
  let t: TestApp;
  afterAll(async () => {
    await t?.close();
  });

  it('refuses with 400 and says what to set, before calling the provider', async () => {
    t = await startTestApp(driver, { SANDBOX: '0', PUBLIC_URL: 'http://localhost:3000' });
    const team = await createTeam(t.app, 'laptop');
    const res = await team.admin.request('PUT', '/api/v1/connections/stripe/test', { secretKey: 'sk_test_abc123', publishableKey: 'pk_test_abc123' });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.message).toMatch(/Stripe sends payment events to PUBLIC_URL \(http:\/\/localhost:3000\), which is not reachable from the internet/);
    expect(res.json().error.message).toMatch(/docs\/deployment\.md/);
    expect(await rawConnectionRows(t, team.accountId)).toEqual([]);
  });
});
