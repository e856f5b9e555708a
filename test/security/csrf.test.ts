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
