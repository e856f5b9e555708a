import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError, apiUrl, onSessionExpired, setCsrfToken } from '../../web/dashboard/src/api/client.js';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const errorBody = (code: string, message: string) => ({ error: { code, message, requestId: 'req_1' } });

let calls: Array<{ url: string; method: string; headers: Record<string, string>; body?: string }>;
let answers: Response[];

beforeEach(() => {
  calls = [];
  answers = [];
  setCsrfToken(null);
  vi.stubGlobal('fetch', async (url: string, init: RequestInit = {}) => {
    calls.push({ url, method: init.method ?? 'GET', headers: init.headers as Record<string, string>, body: init.body as string | undefined });
    const next = answers.shift();
    if (!next) throw new TypeError('Failed to fetch');
    return next;
  });
});
afterEach(() => vi.unstubAllGlobals());

describe('the dashboard API client', () => {
  it('fetches the CSRF token once and sends it on every state-changing request', async () => {
    answers.push(json(200, { csrfToken: 'tok_1' }), json(201, { id: 'prod_1' }), json(200, { id: 'prod_1' }));
    expect(await api.post('/api/v1/products', { name: 'A' })).toEqual({ id: 'prod_1' });
    await api.patch('/api/v1/products/prod_1', { name: 'B' });
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual(['GET /api/v1/auth/csrf', 'POST /api/v1/products', 'PATCH /api/v1/products/prod_1']);
    expect(calls[1].headers['x-csrf-token']).toBe('tok_1');
    expect(calls[1].headers['content-type']).toBe('application/json');
    expect(calls[1].body).toBe('{"name":"A"}');
    expect(calls[2].headers['x-csrf-token']).toBe('tok_1');
  });

  it('takes the new token a sign-in answers with', async () => {
    answers.push(json(200, { csrfToken: 'anonymous' }), json(200, { user: {}, csrfToken: 'signed_in' }), new Response(null, { status: 204 }));
    await api.post('/api/v1/auth/login', { email: 'a@example.com', password: 'x' });
    expect(await api.delete('/api/v1/invites/1')).toBeUndefined();
    expect(calls[1].headers['x-csrf-token']).toBe('anonymous');
    expect(calls[2].headers['x-csrf-token']).toBe('signed_in');
  });

  it('refetches a stale CSRF token once and retries', async () => {
    setCsrfToken('stale');
    answers.push(json(403, errorBody('csrf_failed', 'Missing or invalid CSRF token.')), json(200, { csrfToken: 'fresh' }), json(200, { ok: true }));
    expect(await api.put('/api/v1/me/mode', { mode: 'live' })).toEqual({ ok: true });
    expect(calls.map((c) => c.headers['x-csrf-token'] ?? '-')).toEqual(['stale', '-', 'fresh']);
  });

  it('turns error bodies into ApiError with the server’s words', async () => {
    answers.push(json(409, errorBody('conflict', 'An account with this email already exists. Sign in instead.')));
    const error = (await api.get('/api/v1/products').catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect([error.status, error.code, error.message, error.requestId]).toEqual([409, 'conflict', 'An account with this email already exists. Sign in instead.', 'req_1']);
  });

  it('explains failures that carry no error body', async () => {
    answers.push(new Response('<html>Bad gateway</html>', { status: 502 }));
    await expect(api.get('/api/v1/me')).rejects.toMatchObject({ code: 'http_502', message: 'The server had a problem (HTTP 502). Please try again.' });
    await expect(api.get('/api/v1/me')).rejects.toMatchObject({ status: 0, code: 'network', message: expect.stringContaining('Could not reach') });
  });

  it('reports an ended session, but not a wrong password at sign-in', async () => {
    const expired = vi.fn();
    const stop = onSessionExpired(expired);
    answers.push(json(401, errorBody('unauthenticated', 'Sign in to continue.')));
    await expect(api.get('/api/v1/transactions')).rejects.toMatchObject({ status: 401 });
    expect(expired).toHaveBeenCalledTimes(1);
    setCsrfToken('tok');
    answers.push(json(401, errorBody('unauthenticated', 'The email or password is incorrect.')));
    await expect(api.post('/api/v1/auth/login', {})).rejects.toMatchObject({ message: 'The email or password is incorrect.' });
    expect(expired).toHaveBeenCalledTimes(1);
    stop();
  });

  it('builds query strings from the values that are set', () => {
    expect(apiUrl('/api/v1/transactions', { status: 'succeeded', email: '', productId: undefined, minAmount: 0, archived: false, cursor: null })).toBe(
      '/api/v1/transactions?status=succeeded&minAmount=0&archived=false',
    );
  });
});
