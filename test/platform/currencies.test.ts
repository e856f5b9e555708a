import { describe, expect, it } from 'vitest';
import { currencyCodes, formatAmount, fromDecimalString, minorUnits, normalizeCurrency, toDecimalString } from '../../src/platform/money/currencies.js';

describe('currencies', () => {
  it('knows every Stripe zero-decimal and three-decimal currency', () => {
    for (const c of ['bif', 'clp', 'djf', 'gnf', 'jpy', 'kmf', 'krw', 'mga', 'pyg', 'rwf', 'ugx', 'vnd', 'vuv', 'xaf', 'xof', 'xpf']) expect(minorUnits(c), c).toBe(0);
    for (const c of ['bhd', 'jod', 'kwd', 'omr', 'tnd']) expect(minorUnits(c), c).toBe(3);
    for (const c of ['usd', 'eur', 'gbp', 'chf', 'cad', 'aud', 'sek', 'inr', 'brl', 'mxn']) expect(minorUnits(c), c).toBe(2);
    expect(currencyCodes.length).toBeGreaterThan(140);
  });

  it('normalizes case and refuses unknown codes', () => {
    expect(normalizeCurrency('EUR')).toBe('eur');
    expect(() => normalizeCurrency('abc')).toThrow(/Unknown currency 'abc'/);
    expect(() => normalizeCurrency('xau')).toThrow(/Unknown currency/);
  });

  it('converts minor units to exact decimal strings and back', () => {
    expect(toDecimalString(1234, 'usd')).toBe('12.34');
    expect(toDecimalString(5, 'usd')).toBe('0.05');
    expect(toDecimalString(500, 'jpy')).toBe('500');
    expect(toDecimalString(1500, 'bhd')).toBe('1.500');
    expect(toDecimalString(-1, 'eur')).toBe('-0.01');
    expect(fromDecimalString('12.5', 'usd')).toBe(1250);
    expect(fromDecimalString('500', 'jpy')).toBe(500);
    expect(() => fromDecimalString('1.5', 'jpy')).toThrow();
    expect(() => fromDecimalString('0.001', 'usd')).toThrow();
  });

  it('formats for people', () => {
    expect(formatAmount(1250, 'usd')).toBe('$12.50');
    expect(formatAmount(500, 'jpy')).toBe('¥500');
    expect(formatAmount(99_999_999, 'eur')).toBe('€999,999.99');
  });
});
