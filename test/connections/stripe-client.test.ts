import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/platform/http/errors.js';
import { stripeClient } from '../../src/providers/stripe/stripe-client.js';
import { stripeKeyHint } from '../../src/providers/stripe/stripe-keys.js';

const sandboxUrls = { stripe: 'http://127.0.0.1:45678', hubspot: 'http://127.0.0.1:1', paypal: 'http://127.0.0.1:2' };

describe('stripeClient', () => {
  it('targets https://api.stripe.com for a connection that is not the sandbox, even in sandbox mode', () => {
    for (const urls of [undefined, sandboxUrls]) {
      const client = stripeClient({ secretKey: 'sk_live_realkey000001', sandbox: false }, urls);
      expect(client.getApiField('host')).toBe('api.stripe.com');
      expect(client.getApiField('protocol')).toBe('https');
      expect(String(client.getApiField('port'))).toBe('443');
      expect(client.getApiField('timeout')).toBe(10_000);
      expect(client.getMaxNetworkRetries()).toBe(2);
      expect((client as unknown as { _appInfo: unknown })._appInfo).toMatchObject({ name: 'OnePagePay' });
    }
  });

  it('targets the stand-in over http only for a sandbox connection in sandbox mode', () => {
    const client = stripeClient({ secretKey: 'sk_test_sandbox000001', sandbox: true }, sandboxUrls);
    expect(client.getApiField('host')).toBe('127.0.0.1');
    expect(String(client.getApiField('port'))).toBe('45678');
    expect(client.getApiField('protocol')).toBe('http');
  });

  it('refuses a sandbox connection when the server is not in sandbox mode', () => {
    expect(() => stripeClient({ secretKey: 'sk_test_sandbox000002', sandbox: true })).toThrow(AppError);
    try {
      stripeClient({ secretKey: 'sk_test_sandbox000002', sandbox: true });
    } catch (err) {
      expect((err as AppError).code).toBe('provider_unavailable');
    }
  });

  it('reuses one client per key and target', () => {
    const a = stripeClient({ secretKey: 'sk_test_reuse00000001', sandbox: true }, sandboxUrls);
    expect(stripeClient({ secretKey: 'sk_test_reuse00000001', sandbox: true }, sandboxUrls)).toBe(a);
    expect(stripeClient({ secretKey: 'sk_test_reuse00000002', sandbox: true }, sandboxUrls)).not.toBe(a);
  });
});

describe('stripeKeyHint', () => {
  it('shows the prefix and the last four characters only', () => {
    expect(stripeKeyHint('sk_test_51HxYzAbCdEfGh4242')).toBe('sk_test_…4242');
    expect(stripeKeyHint('rk_live_51HxYzAbCdEfGhWxyz')).toBe('rk_live_…Wxyz');
  });
  it('shows no tail of a short key', () => {
    expect(stripeKeyHint('sk_test_abc')).toBe('sk_test_…');
  });
});
