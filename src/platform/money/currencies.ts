import { AppError } from '../http/errors.js';

/**
 * ISO 4217 currencies the catalog accepts, stored as lowercase codes (as Stripe does), with
 * the number of minor-unit digits amounts are counted in. Where Stripe's representation differs
 * from ISO's, Stripe's wins, because amounts go to Stripe as they are stored:
 * - zero-decimal at Stripe: bif clp djf gnf jpy kmf krw mga pyg rwf ugx vnd vuv xaf xof xpf
 *   (¥500 is stored as 500);
 * - three-decimal: bhd jod kwd omr tnd (and iqd lyd per ISO);
 * - isk, huf and twd are two-decimal at Stripe (ISO says 0 for isk).
 * Fund codes, precious metals and testing codes (xau, xdr, xts, xxx…) are not currencies a buyer pays in.
 */
const zeroDecimal = ['bif', 'clp', 'djf', 'gnf', 'jpy', 'kmf', 'krw', 'mga', 'pyg', 'rwf', 'ugx', 'vnd', 'vuv', 'xaf', 'xof', 'xpf'] as const;
const threeDecimal = ['bhd', 'iqd', 'jod', 'kwd', 'lyd', 'omr', 'tnd'] as const;
const twoDecimal = [
  'aed', 'afn', 'all', 'amd', 'ang', 'aoa', 'ars', 'aud', 'awg', 'azn', 'bam', 'bbd', 'bdt', 'bgn', 'bmd', 'bnd', 'bob', 'brl', 'bsd',
  'btn', 'bwp', 'byn', 'bzd', 'cad', 'cdf', 'chf', 'cny', 'cop', 'crc', 'cup', 'cve', 'czk', 'dkk', 'dop', 'dzd', 'egp', 'ern', 'etb',
  'eur', 'fjd', 'fkp', 'gbp', 'gel', 'ghs', 'gip', 'gmd', 'gtq', 'gyd', 'hkd', 'hnl', 'htg', 'huf', 'idr', 'ils', 'inr', 'irr', 'isk',
  'jmd', 'kes', 'kgs', 'khr', 'kpw', 'kyd', 'kzt', 'lak', 'lbp', 'lkr', 'lrd', 'lsl', 'mad', 'mdl', 'mkd', 'mmk', 'mnt', 'mop', 'mru',
  'mur', 'mvr', 'mwk', 'mxn', 'myr', 'mzn', 'nad', 'ngn', 'nio', 'nok', 'npr', 'nzd', 'pab', 'pen', 'pgk', 'php', 'pkr', 'pln', 'qar',
  'ron', 'rsd', 'rub', 'sar', 'sbd', 'scr', 'sdg', 'sek', 'sgd', 'shp', 'sle', 'sos', 'srd', 'ssp', 'stn', 'svc', 'syp', 'szl', 'thb',
  'tjs', 'tmt', 'top', 'try', 'ttd', 'twd', 'tzs', 'uah', 'usd', 'uyu', 'uzs', 'ves', 'wst', 'xcd', 'xcg', 'yer', 'zar', 'zmw', 'zwg',
] as const;

const digits = new Map<string, number>([
  ...zeroDecimal.map((c) => [c, 0] as const),
  ...twoDecimal.map((c) => [c, 2] as const),
  ...threeDecimal.map((c) => [c, 3] as const),
]);

/** Every accepted currency code, lowercase, sorted. */
export const currencyCodes: readonly string[] = [...digits.keys()].sort();

/** Stripe's zero-decimal currencies (amounts are whole units). */
export const zeroDecimalCurrencies: readonly string[] = zeroDecimal;

/** The largest amount, in minor units, a price or payment may have (Stripe's eight-digit limit). */
export const maxAmount = 99_999_999;

export function isCurrency(code: string): boolean {
  return digits.has(code.toLowerCase());
}

/**
 * The lowercase code of a known currency; anything else is a validation error that says what to send.
 * `field` names the input in the message.
 */
export function normalizeCurrency(code: string, field = 'currency'): string {
  const lower = code.trim().toLowerCase();
  if (!digits.has(lower)) {
    throw new AppError('validation_failed', `Unknown currency '${code}' in ${field}: use an ISO 4217 code such as usd, eur, gbp or jpy.`);
  }
  return lower;
}

/** How many digits of minor units the currency has: 2 for usd (cents), 0 for jpy, 3 for bhd. */
export function minorUnits(currency: string): number {
  const n = digits.get(currency.toLowerCase());
  if (n === undefined) throw new AppError('validation_failed', `Unknown currency '${currency}'.`);
  return n;
}

/** One whole unit of the currency in minor units: 100 for usd, 1 for jpy, 1000 for bhd. */
export function oneMajorUnit(currency: string): number {
  return 10 ** minorUnits(currency);
}

/** An exact decimal string of an amount in minor units: (1234, 'usd') → '12.34', (500, 'jpy') → '500'. */
export function toDecimalString(amount: number, currency: string): string {
  if (!Number.isSafeInteger(amount)) throw new Error('amounts are integers in minor units');
  const n = minorUnits(currency);
  const sign = amount < 0 ? '-' : '';
  const abs = String(Math.abs(amount));
  if (n === 0) return sign + abs;
  const padded = abs.padStart(n + 1, '0');
  return `${sign}${padded.slice(0, -n)}.${padded.slice(-n)}`;
}

/** Parses a decimal string into minor units, refusing more decimals than the currency has: ('12.5', 'usd') → 1250. */
export function fromDecimalString(value: string, currency: string): number {
  const n = minorUnits(currency);
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!match || (match[3] ?? '').length > n) throw new AppError('validation_failed', `'${value}' is not an amount in ${currency.toUpperCase()}.`);
  const [, sign, whole, fraction = ''] = match;
  const amount = Number(whole + fraction.padEnd(n, '0'));
  return sign ? -amount : amount;
}

/** A human display of an amount: (1234, 'usd') → '$12.34', (500, 'jpy') → '¥500'. */
export function formatAmount(amount: number, currency: string, locale = 'en-US'): string {
  const n = minorUnits(currency);
  return new Intl.NumberFormat(locale, { style: 'currency', currency: currency.toUpperCase(), minimumFractionDigits: n, maximumFractionDigits: n }).format(
    Number(toDecimalString(amount, currency)),
  );
}
