import { describe, expect, it } from 'vitest';
import { ApiError, newIdempotencyKey, publicApi } from '../../web/widget/api.js';

const account = '0123456789abcdef0123456789abcdef';

function recordingFetch(answer: () => Response | Promise<Response>) {
  const calls: Array<{ url: string; init?: RequestInit }> = [];
  const impl = async (url: string, init?: RequestInit) => {
    calls.push({ url, init });
    return answer();
  };
  return { calls, impl };
}

describe('widget public API client', () => {
  it('calls the documented routes, without credentials, with JSON bodies', async () => {
    const { calls, impl } = recordingFetch(() => new Response('{"object":"payment"}', { status: 200 }));
    const api = publicApi('https://pay.example.com/', account, impl);
    await api.formConfig('form_x');
    await api.createPayment('form_x', { idempotencyKey: 'k'.repeat(16), provider: 'stripe', contact: { email: 'a@b.co' }, items: [] });
    await api.complete('pay_1');
    expect(calls.map((c) => `${c.init?.method} ${c.url}`)).toEqual([
      `GET https://pay.example.com/api/public/v1/accounts/${account}/forms/form_x`,
      `POST https://pay.example.com/api/public/v1/accounts/${account}/forms/form_x/payments`,
      `POST https://pay.example.com/api/public/v1/accounts/${account}/payments/pay_1/complete`,
    ]);
    expect(calls.every((c) => c.init?.credentials === 'omit')).toBe(true);
    expect(calls[2].init?.body).toBe('{}');
    expect(calls[1].init?.headers).toEqual({ 'content-type': 'application/json' });
  });

  it('turns error bodies into ApiError with code, message and retryAfterSeconds', async () => {
    const body = { error: { code: 'rate_limited', message: 'Too many payments.', requestId: 'req_1', retryAfterSeconds: 30 } };
    const { impl } = recordingFetch(() => new Response(JSON.stringify(body), { status: 429 }));
    const error = await publicApi('http://x/', account, impl).complete('pay_1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 429, code: 'rate_limited', message: 'Too many payments.', retryAfterSeconds: 30 });
  });

  it('an unreachable server is status 0, code network', async () => {
    const { impl } = recordingFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    await expect(publicApi('http://x/', account, impl).formConfig('form_x')).rejects.toMatchObject({ status: 0, code: 'network' });
  });

  it('idempotency keys are 32 hex characters and differ every time', () => {
    const keys = new Set(Array.from({ length: 100 }, newIdempotencyKey));
    expect(keys.size).toBe(100);
    for (const key of keys) expect(key).toMatch(/^[0-9a-f]{32}$/);
  });
});
