import { describe, expect, it } from 'vitest';
import { paypalBaseUrl } from '../../src/providers/paypal/paypal-client.js';
import { customIdOf, claimOfCustomId, fromPayPalMoney, payPalAccepts, toPayPalValue } from '../../src/providers/paypal/paypal-payment.js';

const sandboxUrls = { stripe: 'http://127.0.0.1:1', hubspot: 'http://127.0.0.1:2', paypal: 'http://127.0.0.1:3' };

describe('PayPal client', () => {
  it('reaches only PayPal over https outside sandbox mode: its sandbox host for test mode, its live host for live mode', () => {
    expect(paypalBaseUrl({ mode: 'test', sandbox: false }, undefined)).toBe('https://api-m.sandbox.paypal.com');
    expect(paypalBaseUrl({ mode: 'live', sandbox: false }, undefined)).toBe('https://api-m.paypal.com');
    // Even on a server in sandbox mode, a connection with real credentials goes to PayPal.
    expect(paypalBaseUrl({ mode: 'live', sandbox: false }, sandboxUrls)).toBe('https://api-m.paypal.com');
    expect(paypalBaseUrl({ mode: 'test', sandbox: true }, sandboxUrls)).toBe('http://127.0.0.1:3');
    expect(() => paypalBaseUrl({ mode: 'test', sandbox: true }, undefined)).toThrow(/not running in sandbox mode/);
  });

  it("writes amounts as PayPal does, in each currency's decimals, and reads them back", () => {
    expect(toPayPalValue(2500, 'usd')).toBe('25.00');
    expect(toPayPalValue(5, 'eur')).toBe('0.05');
    expect(toPayPalValue(500, 'jpy')).toBe('500');
    // HUF counts cents in our amounts (as at Stripe) but PayPal takes whole forints only.
    expect(toPayPalValue(150000, 'huf')).toBe('1500');
    expect(payPalAccepts(150050, 'huf')).toBe(false);
    expect(payPalAccepts(150000, 'huf')).toBe(true);
    expect(fromPayPalMoney({ currency_code: 'HUF', value: '1500' })).toEqual({ amount: 150000, currency: 'huf' });
    expect(fromPayPalMoney({ currency_code: 'USD', value: '25.00' })).toEqual({ amount: 2500, currency: 'usd' });
    expect(fromPayPalMoney({ currency_code: 'JPY', value: '500' })).toEqual({ amount: 500, currency: 'jpy' });
  });

  it('recognises only its own claim in custom_id', () => {
    const claim = { accountId: 'a'.repeat(32), transactionId: `pay_${'A'.repeat(24)}`, formId: `form_${'B'.repeat(24)}` };
    expect(customIdOf(claim).length).toBeLessThanOrEqual(127);
    expect(claimOfCustomId(customIdOf(claim))).toEqual(claim);
    expect(claimOfCustomId('opp:not-an-account:pay_x:form_y')).toBeNull();
    expect(claimOfCustomId('INV-2026-001')).toBeNull();
    expect(claimOfCustomId(undefined)).toBeNull();
  });
});
