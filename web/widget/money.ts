/**
 * Money in the browser: integers in minor units, as the API sends them. Minor units follow Stripe
 * (the server's src/platform/money/currencies.ts), which differs from Intl for a few currencies (isk).
 */
const zeroDecimal = 'bif clp djf gnf jpy kmf krw mga pyg rwf ugx vnd vuv xaf xof xpf'.split(' ');
const threeDecimal = 'bhd iqd jod kwd lyd omr tnd'.split(' ');

/** How many minor-unit digits the currency has: 2 for usd, 0 for jpy, 3 for bhd. */
export function minorDigits(currency: string): number {
  const code = currency.toLowerCase();
  if (zeroDecimal.includes(code)) return 0;
  if (threeDecimal.includes(code)) return 3;
  return 2;
}

/** `4900` usd → "$49.00" (in the buyer's locale, by Intl.NumberFormat). */
export function formatMoney(minor: number, currency: string, locale: string): string {
  const digits = minorDigits(currency);
  const format = (loc: string | undefined) => {
    const options: Intl.NumberFormatOptions = { style: 'currency', currency: currency.toUpperCase() };
    // Intl's own digits may differ from Stripe's minor units (isk): show what the amount holds, no more.
    const min = Math.min(new Intl.NumberFormat(loc, options).resolvedOptions().minimumFractionDigits ?? digits, digits);
    return new Intl.NumberFormat(loc, { ...options, minimumFractionDigits: min, maximumFractionDigits: digits }).format(minor / 10 ** digits);
  };
  try {
    return format(locale);
  } catch {
    return format(undefined); // an unusable locale tag must not break the page
  }
}

/**
 * What a buyer typed as an amount in major units ("25", "25.50", "25,50", "1,250.00", "1.250,00")
 * in minor units, or null when it is not an amount in this currency. Never goes through a float.
 */
export function parseAmount(input: string, currency: string): number | null {
  if (input.includes('-')) return null;
  const digits = minorDigits(currency);
  const s = input.replace(/[\s\u00a0\u202f'’]/g, '').replace(/^[^\d.,]+|[^\d.,]+$/g, '');
  if (!/^\d[\d.,]*$/.test(s)) return null;
  const last = Math.max(s.lastIndexOf('.'), s.lastIndexOf(','));
  let whole = s;
  let fraction = '';
  // The last separator is the decimal mark when 1..digits digits follow it and it occurs once;
  // every other separator must group thousands.
  if (last >= 0) {
    const after = s.slice(last + 1);
    if (after.length >= 1 && after.length <= digits && s.indexOf(s[last]) === last) {
      whole = s.slice(0, last);
      fraction = after;
    }
    if (!/^\d+$|^\d{1,3}([.,]\d{3})*$/.test(whole)) return null;
    whole = whole.replace(/[.,]/g, '');
  }
  const value = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  return Number.isSafeInteger(value) ? value : null;
}

/** The amount in major units for an input's value: `2550` usd → "25.50", `500` jpy → "500". */
export function toMajorString(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  if (digits === 0) return String(minor);
  const s = String(minor).padStart(digits + 1, '0');
  return `${s.slice(0, -digits)}.${s.slice(-digits)}`;
}
