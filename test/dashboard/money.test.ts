import { describe, expect, it } from 'vitest';
import { currencyCodes } from '../../src/platform/money/currencies.js';
import { amountStep, commonCurrencies, formatMoney, parseMoney, toMajorInput } from '../../web/dashboard/src/lib/money.js';

describe('money in the dashboard (the server’s currency table)', () => {
  it('parses what merchants type into minor units, per currency', () => {
    expect(parseMoney('12.5', 'usd')).toEqual({ amount: 1250 });
    expect(parseMoney(' 1,250.00 ', 'usd')).toEqual({ amount: 125000 });
    expect(parseMoney('500', 'jpy')).toEqual({ amount: 500 });
    expect(parseMoney('1.5', 'bhd')).toEqual({ amount: 1500 });
    expect(parseMoney('0.001', 'bhd')).toEqual({ amount: 1 });
  });

  it('says what is wrong with an amount', () => {
    expect(parseMoney('', 'usd')).toEqual({ error: 'Enter an amount.' });
    expect(parseMoney('abc', 'usd')).toEqual({ error: 'Enter a number such as 12.50.' });
    expect(parseMoney('-5', 'usd')).toHaveProperty('error');
    expect(parseMoney('1.234', 'usd')).toEqual({ error: 'USD has 2 decimals at most.' });
    expect(parseMoney('10.5', 'jpy')).toEqual({ error: 'JPY has no decimals.' });
    expect(parseMoney('0', 'usd')).toEqual({ error: 'The amount must be more than zero.' });
    expect(parseMoney('1000000', 'usd')).toEqual({ error: 'That is more than the largest amount ($999,999.99).' });
  });

  it('formats and edits amounts without floating-point drift', () => {
    expect(formatMoney(1250, 'usd')).toBe('$12.50');
    expect(formatMoney(500, 'jpy')).toBe('¥500');
    expect(toMajorInput(1999, 'usd')).toBe('19.99');
    expect(toMajorInput(null, 'usd')).toBe('');
    expect(amountStep('usd')).toBe('0.01');
    expect(amountStep('jpy')).toBe('1');
    expect(amountStep('kwd')).toBe('0.001');
  });

  it('offers only currencies the server accepts', () => {
    for (const c of commonCurrencies) expect(currencyCodes).toContain(c);
  });
});
