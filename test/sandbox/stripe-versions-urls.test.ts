import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLocalHost } from '../../src/platform/http/local-hosts.js';
import { raw, targets, type StripeTarget } from './stripe-harness.js';

describe.each(targets)('Stripe API versions and webhook URLs contract — %s', (_name, makeTarget, skip) => {
  let t: StripeTarget;
  beforeAll(async () => {
    if (skip) return;
    t = await makeTarget();
    // The sandbox forwards webhooks to local addresses unless told to refuse them as Stripe does.
    if (t.sandbox) await fetch(`${t.apiBase}/__sandbox/stripe/settings`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ localWebhooks: false }) });
  });
  afterAll(async () => {
    await t?.close();
  });
  const endpoint = (url: string, extra: Record<string, string> = {}) =>
    raw(t.apiBase, 'POST', '/v1/webhook_endpoints', { key: t.secretKey, form: { url, 'enabled_events[0]': 'payment_intent.succeeded', ...extra } });

  it.skipIf(skip)('refuses an API version Stripe never released, in the header and on a webhook endpoint', async () => {
    const future = await raw(t.apiBase, 'GET', '/v1/customers?limit=1', { key: t.secretKey, headers: { 'stripe-version': '2099-01-01' } });
    expect(future.status).toBe(400);
    expect(future.body.error).toMatchObject({ type: 'invalid_request_error', message: expect.stringMatching(/Invalid Stripe API version: 2099-01-01/) });
    expect((await raw(t.apiBase, 'GET', '/v1/customers?limit=1', { key: t.secretKey, headers: { 'stripe-version': 'latest' } })).status).toBe(400);
    expect((await raw(t.apiBase, 'GET', '/v1/customers?limit=1', { key: t.secretKey, headers: { 'stripe-version': '2025-02-24.acacia' } })).status).toBe(200);
    const hook = await endpoint('https://hooks.example.com/stripe', { api_version: '2099-01-01' });
    expect(hook.status).toBe(400);
    expect(hook.body.error.param).toBe('api_version');
  });

  it.skipIf(skip)('refuses webhook URLs the internet cannot reach (localhost, private addresses), with Stripe\'s message', async () => {
    for (const url of ['http://localhost:3000/api/webhooks/stripe/x', 'http://127.0.0.1:3000/hook', 'https://192.168.1.20/hook', 'http://my-laptop/hook']) {
      const res = await endpoint(url);
      expect(res.status, url).toBe(400);
      expect(res.body.error).toMatchObject({ type: 'invalid_request_error', param: 'url' });
      expect(res.body.error.message, url).toMatch(/publicly accessible/);
    }
  });

  it.skipIf(skip)('accepts a public https URL', async () => {
    const res = await endpoint('https://hooks.example.com/stripe');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.secret).toMatch(/^whsec_/);
    await raw(t.apiBase, 'DELETE', `/v1/webhook_endpoints/${res.body.id}`, { key: t.secretKey });
  });
});

describe('Stripe stand-in: local webhooks (sandbox only)', () => {
  let t: StripeTarget;
  beforeAll(async () => {
    t = await targets[0][1]();
  });
  afterAll(() => t.close());

  it('forwards to local addresses by default (as `stripe listen` does), and refuses http in live mode once local delivery is off', async () => {
    const local = await raw(t.apiBase, 'POST', '/v1/webhook_endpoints', { key: t.secretKey, form: { url: 'http://127.0.0.1:3000/hook', 'enabled_events[0]': '*' } });
    expect(local.status).toBe(200);
    const off = await fetch(`${t.apiBase}/__sandbox/stripe/settings`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ localWebhooks: false }) });
    expect(await off.json()).toEqual({ localWebhooks: false });
    const live = await raw(t.apiBase, 'POST', '/v1/webhook_endpoints', { key: t.liveSecretKey!, form: { url: 'http://hooks.example.com/stripe', 'enabled_events[0]': '*' } });
    expect(live.status).toBe(400);
    expect(live.body.error.message).toMatch(/HTTPS/);
    expect((await fetch(`${t.apiBase}/__sandbox/stripe/settings`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ localWebhooks: 'no' }) })).status).toBe(400);
  });
});

describe('isLocalHost', () => {
  it.each([
    ['localhost', true],
    ['app.localhost', true],
    ['127.0.0.1', true],
    ['10.1.2.3', true],
    ['172.20.0.5', true],
    ['192.168.0.10', true],
    ['169.254.1.1', true],
    ['100.64.0.1', true],
    ['printer.local', true],
    ['db.internal', true],
    ['app', true],
    ['[::1]', true],
    ['fd12:3456::1', true],
    ['pay.example.com', false],
    ['172.32.0.1', false],
    ['8.8.8.8', false],
    ['fdic.gov', false],
    ['[2001:db8::1]', false],
  ])('%s → %s', (host, local) => {
    expect(isLocalHost(host)).toBe(local);
  });
});
