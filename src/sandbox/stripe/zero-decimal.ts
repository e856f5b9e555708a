/** Stripe's zero-decimal currencies: amounts are whole units (docs.stripe.com/currencies#zero-decimal). */
export const zeroDecimal = new Set(['bif', 'clp', 'djf', 'gnf', 'jpy', 'kmf', 'krw', 'mga', 'pyg', 'rwf', 'ugx', 'vnd', 'vuv', 'xaf', 'xof', 'xpf']);
