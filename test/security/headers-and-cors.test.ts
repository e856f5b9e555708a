import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestIdPattern } from '../../src/platform/http/request-id.js';
import { drivers } from '../helpers/databases.js';
import { startTestApp, TestClient, uniqueEmail, type TestApp } from '../helpers/harness.js';

describe.each(drivers)('security headers and CORS (%s)', (driver) => {
  let t: TestApp;
  let client: TestClient;
  beforeAll(async () => {
    t = await startTestApp(driver);
    client = new TestClient(t.app);
    await client.signup(uniqueEmail('headers'));
  });
  afterAll(() => t.close());

  it('sends anti-framing, nosniff and referrer headers and a request id on every private response', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/me'],
      ['GET', '/api/v1/members'],
      ['GET', '/api/v1/does-not-exist'],
      ['PUT', '/api/v1/me/mode'],
    ] as const) {
      const res = await client.request(method, url, method === 'PUT' ? { mode: 'live' } : undefined);
      expect(res.headers['content-security-policy'], url).toMatch(/frame-ancestors 'none'/);
      expect(res.headers['x-frame-options'], url).toBe('DENY');
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['referrer-policy'], url).toBe('no-referrer');
      expect(res.headers['x-request-id'], url).toMatch(requestIdPattern);
      expect(res.headers['access-control-allow-origin'], url).toBeUndefined();
    }
  });

  it('sends no HSTS over plain http (it is sent over https, see sessions test)', async () => {
    const res = await client.request('GET', '/api/v1/me');
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('refuses cross-origin preflights on the private API and allows no origin', async () => {
    const res = await t.app.inject({
      method: 'OPTIONS',
      url: '/api/v1/members',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    expect(res.json().error.code).toBe('cross_origin_refused');
  });

  it('does not reflect a foreign origin on a private GET', async () => {
    const res = await client.request('GET', '/api/v1/me', undefined, { origin: 'https://evil.example' });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('opens the public API to any origin, never with credentials', async () => {
    const res = await t.app.inject({
      method: 'OPTIONS',
      url: '/api/public/v1/accounts/0123456789abcdef0123456789abcdef/forms/x',
      headers: { origin: 'https://merchant.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    expect(String(res.headers['access-control-allow-methods'])).toMatch(/POST/);
  });
});
