/**
 * PayPal sends money as decimal strings ("10.00"); inside the stand-in amounts are integers
 * in minor units. Currencies and their decimals follow PayPal's currency-code reference.
 */
const zeroDecimal = new Set(['HUF', 'JPY', 'TWD']);
const supported = new Set([
  'AUD', 'BRL', 'CAD', 'CNY', 'CZK', 'DKK', 'EUR', 'HKD', 'HUF', 'ILS', 'JPY', 'MYR', 'MXN', 'TWD',
  'NZD', 'NOK', 'PHP', 'PLN', 'GBP', 'SGD', 'SEK', 'CHF', 'THB', 'USD',
]);

export interface Money {
  currency_code: string;
  value: string;
}

export const isSupportedCurrency = (code: string): boolean => supported.has(code);
export const decimalsOf = (code: string): number => (zeroDecimal.has(code) ? 0 : 2);

export type ParsedAmount = { ok: true; minor: number } | { ok: false; issue: 'INVALID_PARAMETER_SYNTAX' | 'DECIMAL_PRECISION' };

/** Parses PayPal's `value` for a currency into minor units, refusing more decimals than the currency has. */
export function parseValue(value: unknown, currency: string): ParsedAmount {
  if (typeof value !== 'string' || !/^\d{1,10}(\.\d+)?$/.test(value)) return { ok: false, issue: 'INVALID_PARAMETER_SYNTAX' };
  const [whole, fraction = ''] = value.split('.');
  const decimals = decimalsOf(currency);
  if (fraction.length > decimals) return { ok: false, issue: 'DECIMAL_PRECISION' };
  return { ok: true, minor: Number(whole) * 10 ** decimals + Number(fraction.padEnd(decimals, '0') || '0') };
}

export function formatValue(minor: number, currency: string): string {
  const decimals = decimalsOf(currency);
  if (decimals === 0) return String(minor);
  const s = String(minor).padStart(decimals + 1, '0');
  return `${s.slice(0, -decimals)}.${s.slice(-decimals)}`;
}

export const money = (minor: number, currency: string): Money => ({ currency_code: currency, value: formatValue(minor, currency) });

/** A plausible PayPal fee (3.49 % + a fixed part), so net amounts are not equal to gross. */
export function paypalFee(minor: number, currency: string): number {
  const fixed = decimalsOf(currency) === 0 ? 40 : 49;
  return Math.round((minor * 349) / 10_000) + fixed;
}
