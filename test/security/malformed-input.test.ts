import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drivers } from '../helpers/databases.js';
import { startTestApp, TestClient, uniqueEmail, type TestApp } from '../helpers/harness.js';

describe.each(drivers)('malformed input (%s)', (driver) => {
  let t: TestApp;
  let client: TestClient;
  beforeAll(async () => {
    t = await startTestApp(driver);
    client = new TestClient(t.app);
    await client.signup(uniqueEmail('malformed'));
  });
  afterAll(() => t.close());

  const send = (method: 'POST' | 'PATCH', url: string, payload: string, contentType = 'application/json') =>
    t.app.inject({
      method,
      url,
      payload,
      headers: { cookie: client.cookieHeader(), origin: client.origin, 'x-csrf-token': client.csrfToken!, 'content-type': contentType },
    });

  async function accountName() {
    return (await client.request('GET', '/api/v1/me')).json().account.name as string;
  }

  function expectErrorBody(res: { statusCode: number; json(): any; body: string }, status: number, code: string) {
    expect(res.statusCode).toBe(status);
    const body = res.json();
    expect(Object.keys(body)).toEqual(['error']);
    expect(body.error.code).toBe(code);
    expect(typeof body.error.message).toBe('string');
    expect(body.error.requestId).toMatch(/^req_/);
    expect(res.body).not.toMatch(/at .*\.(ts|js):\d+/); // no stack trace
  }

  it('a NUL character or a lone surrogate anywhere: 400, nothing stored', async () => {
    const before = await accountName();
    for (const name of ['Acme\u0000Corp', 'Acme \ud800', 'Acme \udfff x']) {
      expectErrorBody(await send('PATCH', '/api/v1/account', JSON.stringify({ name })), 400, 'validation_failed');
    }
    expectErrorBody(await send('POST', '/api/v1/products', JSON.stringify({ name: 'Shirt', description: 'a\u0000b' })), 400, 'validation_failed');
    const query = await t.app.inject({ method: 'GET', url: '/api/v1/transactions?email=%00', headers: { cookie: client.cookieHeader() } });
    expectErrorBody(query, 400, 'validation_failed');
    expect(await accountName()).toBe(before);
  });

  it("Fastify's own URL errors use the one error body and echo nothing of the URL", async () => {
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/products/%E0%A4%A<script>' });
    expectErrorBody(bad, 400, 'bad_request');
    expect(bad.body).not.toMatch(/script|%E0/);
    const long = await t.app.inject({ method: 'GET', url: `/api/public/v1/accounts/${'a'.repeat(500)}/forms/x` });
    expectErrorBody(long, 414, 'uri_too_long');
    expect(long.body).not.toContain('aaaa');
    const unknown = await t.app.inject({ method: 'GET', url: '/api/v1/<img src=x onerror=alert(1)>' });
    expectErrorBody(unknown, 404, 'not_found');
    expect(unknown.body).not.toMatch(/img|onerror/);
  });

  it('bad JSON', async () => {
    const before = await accountName();
    expectErrorBody(await send('PATCH', '/api/v1/account', '{"name": '), 400, 'invalid_json');
    expect(await accountName()).toBe(before);
  });

  it('wrong types', async () => {
    expectErrorBody(await send('PATCH', '/api/v1/account', JSON.stringify({ name: 42 })), 400, 'validation_failed');
  });

  it('unknown fields are refused, not dropped', async () => {
    const before = await accountName();
    const res = await send('PATCH', '/api/v1/account', JSON.stringify({ name: 'Fine', role: 'owner' }));
    expectErrorBody(res, 400, 'validation_failed');
    expect(res.json().error.message).toMatch(/additional properties/i);
    expect(await accountName()).toBe(before);
  });

  it('huge bodies', async () => {
    expectErrorBody(await send('PATCH', '/api/v1/account', JSON.stringify({ name: 'x'.repeat(200_000) })), 413, 'payload_too_large');
  });

  it('unsupported content types', async () => {
    expectErrorBody(await send('PATCH', '/api/v1/account', 'name=x', 'text/plain'), 415, 'unsupported_media_type');
  });

  it('bad ids in the path', async () => {
    const res = await client.request('PATCH', '/api/v1/members/not-a-uuid', { role: 'viewer' });
    expectErrorBody(res, 400, 'validation_failed');
  });

  it('unknown routes and wrong methods', async () => {
    expectErrorBody(await client.request('GET', '/api/v1/nope'), 404, 'not_found');
    expectErrorBody(await client.request('DELETE', '/api/v1/me'), 404, 'not_found');
    expectErrorBody(await t.app.inject({ method: 'GET', url: '/nowhere' }), 404, 'not_found');
  });

  it('a bad email at sign-up', async () => {
    const anon = new TestClient(t.app);
    await anon.fetchCsrf();
    const res = await anon.request('POST', '/api/v1/auth/signup', { email: 'not-an-email', password: 'long enough password' });
    expectErrorBody(res, 400, 'validation_failed');
    expect(res.json().error.message).toMatch(/email/);
  });
});
