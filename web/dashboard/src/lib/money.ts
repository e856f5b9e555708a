import { currencyCodes, formatAmount, fromDecimalString, minorUnits, toDecimalString } from '../../../../src/platform/money/currencies.js';

/** The currencies the catalog accepts (the server's own list), lowercase. */
export const currencies = currencyCodes;

/** Currencies shown first in pickers. */
export const commonCurrencies = ['usd', 'eur', 'gbp', 'cad', 'aud', 'chf', 'jpy', 'sek', 'nok', 'dkk'];

/** An amount in minor units for people: (1250, 'usd') → '$12.50'. */
export function formatMoney(amount: number, currency: string): string {
  try {
    return formatAmount(amount, currency);
  } catch {
    return `${amount} ${currency.toUpperCase()} (minor units)`;
  }
}

/** The amount as a decimal for an input field: (1250, 'usd') → '12.50'. */
export const toMajorInput = (amount: number | null, currency: string) => (amount === null ? '' : toDecimalString(amount, currency));

/**
 * Parses what a merchant typed ('12.5', '1,250.00', '500') into minor units of the currency,
 * or says why it is not an amount.
 */
export function parseMoney(input: string, currency: string): { amount: number } | { error: string } {
  const cleaned = input.trim().replace(/[\s,_]/g, '');
  if (cleaned === '') return { error: 'Enter an amount.' };
  const decimals = minorUnits(currency);
  if (!/^\d+(\.\d+)?$/.test(cleaned)) return { error: `Enter a number such as ${decimals === 0 ? '500' : `12.${'5'.padEnd(decimals, '0')}`}.` };
  const fraction = cleaned.split('.')[1] ?? '';
  if (fraction.length > decimals) {
    return { error: decimals === 0 ? `${currency.toUpperCase()} has no decimals.` : `${currency.toUpperCase()} has ${decimals} decimals at most.` };
  }
  const amount = fromDecimalString(cleaned, currency);
  if (amount < 1) return { error: 'The amount must be more than zero.' };
  if (amount > 99_999_999) return { error: `That is more than the largest amount (${formatMoney(99_999_999, currency)}).` };
  return { amount };
}

/** The step of an amount input: 0.01 for usd, 1 for jpy, 0.001 for bhd. */
export const amountStep = (currency: string) => (10 ** -minorUnits(currency)).toFixed(minorUnits(currency));
