import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drivers } from '../helpers/databases.js';
import { startTestApp, TestClient, uniqueEmail, type TestApp } from '../helpers/harness.js';

describe.each(drivers)('CSRF and cross-site defences (%s)', (driver) => {
  let t: TestApp;
  let client: TestClient;
  beforeAll(async () => {
    t = await startTestApp(driver);
    client = new TestClient(t.app);
    await client.signup(uniqueEmail('csrf'));
  });
  afterAll(() => t.close());

  const renameAccount = (headers: Record<string, string>) =>
    t.app.inject({ method: 'PATCH', url: '/api/v1/account', payload: { name: 'Hijacked' }, headers: { cookie: client.cookieHeader(), ...headers } });

  async function accountName() {
    return (await client.request('GET', '/api/v1/me')).json().account.name as string;
  }

  it('refuses a state change without the CSRF token and changes nothing', async () => {
    const before = await accountName();
    const res = await renameAccount({ origin: client.origin });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('csrf_failed');
    expect(await accountName()).toBe(before);
  });

  it('gates the route that matched, however its path is spelled: a percent-encoded path gets no session without CSRF', async () => {
    const email = uniqueEmail('encoded');
    await new TestClient(t.app).signup(email);
    for (const url of ['/%61pi/v1/auth/login', '/api/v1/auth/%6cogin', '/%61%70%69/v1/auth/login']) {
      const res = await t.app.inject({ method: 'POST', url, payload: { email, password: 'correct horse battery' }, headers: { origin: 'https://evil.example' } });
      expect(res.statusCode, url).toBe(403);
      expect(res.headers['set-cookie'] ?? '', url).not.toMatch(/opp_session=[^;]+/);
      const noOrigin = await t.app.inject({ method: 'POST', url, payload: { email, password: 'correct horse battery' } });
      expect(noOrigin.statusCode, url).toBe(403);
      expect(noOrigin.json().error.code, url).toBe('csrf_failed');
    }
  });

  it('refuses a wrong CSRF token', async () => {
    const res = await renameAccount({ origin: client.origin, 'x-csrf-token': 'x'.repeat(43) });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('csrf_failed');
  });

  it('refuses a foreign Origin even with the right token', async () => {
    const res = await renameAccount({ origin: 'https://evil.example', 'x-csrf-token': client.csrfToken! });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('cross_origin_refused');
    expect(await accountName()).not.toBe('Hijacked');
  });

  it('refuses Sec-Fetch-Site: cross-site even with the right token', async () => {
    const res = await renameAccount({ 'sec-fetch-site': 'cross-site', 'x-csrf-token': client.csrfToken! });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('cross_origin_refused');
  });

  it('accepts the same request from the same origin with the token', async () => {
    const res = await renameAccount({ origin: client.origin, 'sec-fetch-site': 'same-origin', 'x-csrf-token': client.csrfToken! });
    expect(res.statusCode).toBe(200);
    expect(await accountName()).toBe('Hijacked');
  });

  it('needs a CSRF token for login too (login CSRF)', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'a@example.com', password: 'whatever-123' }, headers: { origin: client.origin } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('csrf_failed');
  });

  it('binds the token to its session: another session\'s token is refused', async () => {
    const other = new TestClient(t.app);
    const otherToken = await other.fetchCsrf();
    const res = await renameAccount({ origin: client.origin, 'x-csrf-token': otherToken });
    expect(res.statusCode).toBe(403);
  });
});
