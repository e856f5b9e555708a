import { describe, expect, it } from 'vitest';
import { formatMoney, minorDigits, parseAmount } from '../../web/widget/money.js';

describe('widget money', () => {
  it('counts minor units as Stripe does (zero-, two- and three-decimal, isk two)', () => {
    expect(minorDigits('usd')).toBe(2);
    expect(minorDigits('JPY')).toBe(0);
    expect(minorDigits('bhd')).toBe(3);
    expect(minorDigits('isk')).toBe(2);
  });

  it('formats minor units in the currency with Intl.NumberFormat and the buyer locale', () => {
    expect(formatMoney(4900, 'usd', 'en-US')).toBe('$49.00');
    expect(formatMoney(500, 'jpy', 'en-US')).toBe('¥500');
    expect(formatMoney(1500, 'bhd', 'en-US').replace(/\s/g, ' ')).toBe('BHD 1.500');
    expect(formatMoney(123456, 'eur', 'fr-FR').replace(/\s/g, ' ')).toBe('1 234,56 €');
    expect(formatMoney(123456, 'eur', 'de-DE').replace(/\s/g, ' ')).toBe('1.234,56 €');
  });

  it('falls back to the default locale for an unusable locale tag', () => {
    expect(formatMoney(100, 'usd', 'not a locale!!')).toMatch(/1\.00|1,00/);
  });

  it('reads amounts typed with either decimal mark and with thousands groups, without floats', () => {
    expect(parseAmount('25', 'usd')).toBe(2500);
    expect(parseAmount('25.5', 'usd')).toBe(2550);
    expect(parseAmount('25,50', 'eur')).toBe(2550);
    expect(parseAmount('$ 1,250.00', 'usd')).toBe(125000);
    expect(parseAmount('1.250,00 €', 'eur')).toBe(125000);
    expect(parseAmount('1,250', 'usd')).toBe(125000);
    expect(parseAmount('0.29', 'usd')).toBe(29);
    expect(parseAmount('1000', 'jpy')).toBe(1000);
    expect(parseAmount('1,000', 'jpy')).toBe(1000);
    expect(parseAmount('1.500', 'bhd')).toBe(1500);
  });

  it('refuses what is not an amount in the currency', () => {
    for (const bad of ['', 'abc', '-5', '1.2.3', '12,3456', '1.5', '25.', '1,25,0']) {
      expect(parseAmount(bad, bad === '1.5' ? 'jpy' : 'usd'), bad).toBeNull();
    }
    expect(parseAmount('1.255', 'usd')).toBe(125500); // a thousands group, not three decimals
  });
});
