import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/harness.js';

describe('request log lines', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('pglite');
  });
  afterAll(() => t.close());

  const completed = () =>
    t.logs
      .flatMap((chunk) => chunk.split('\n').filter(Boolean))
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line.msg === 'request completed');

  it('one line per request with method, route, status, duration and request id', async () => {
    const ok = await t.app.inject({ method: 'GET', url: '/healthz' });
    const line = completed().find((l) => l.reqId === ok.headers['x-request-id']);
    expect(line).toMatchObject({ method: 'GET', route: '/healthz', statusCode: 200 });
    expect(line!.durationMs).toEqual(expect.any(Number));
    expect(line!.durationMs as number).toBeGreaterThanOrEqual(0);
  });

  it('logs the route pattern, never the path or query a caller wrote', async () => {
    const formId = '0b3c8a54-52f8-4b34-9a51-8a3d0b2b9f11';
    const res = await t.app.inject({ method: 'GET', url: `/api/public/v1/accounts/${'a'.repeat(32)}/forms/${formId}?email=buyer@example.com` });
    const line = completed().find((l) => l.reqId === res.headers['x-request-id']);
    expect(line).toMatchObject({ method: 'GET', route: '/api/public/v1/accounts/:accountId/forms/:formId', statusCode: res.statusCode });
    const unmatched = await t.app.inject({ method: 'POST', url: '/nowhere/buyer@example.com' });
    expect(completed().find((l) => l.reqId === unmatched.headers['x-request-id'])).toMatchObject({ method: 'POST', route: null, statusCode: 404 });
    expect(t.logs.join('')).not.toContain('buyer@example.com');
    expect(t.logs.join('')).not.toContain(formId);
  });
});
