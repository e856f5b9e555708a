/** Escapes text for HTML; everything the stand-in interpolates into a page goes through it. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** JSON safe to place inside a <script> element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

export function formatAmount(amount: number, currency: string): string {
  try {
    const zero = ['jpy', 'krw', 'vnd', 'clp', 'xaf', 'xof'].includes(currency);
    return new Intl.NumberFormat('en', { style: 'currency', currency: currency.toUpperCase() }).format(zero ? amount : amount / 100);
  } catch {
    return `${amount} ${currency.toUpperCase()}`;
  }
}
