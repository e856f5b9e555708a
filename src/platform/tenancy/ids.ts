const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * An opaque, URL-safe id: the prefix and 24 random base62 characters (about 143 bits), drawn
 * without modulo bias. Form ids appear in public URLs, so they must not be guessable.
 */
export type IdPrefix = 'prod' | 'price' | 'form' | 'ct' | 'pay' | 'rf' | 'em';

export function newId(prefix: IdPrefix): string {
  let out = '';
  while (out.length < 24) {
    for (const byte of crypto.getRandomValues(new Uint8Array(32))) {
      if (byte < 248 && out.length < 24) out += alphabet[byte % 62]; // 248 = 4 × 62: keeps every character equally likely
    }
  }
  return `${prefix}_${out}`;
}

export const idPattern = (prefix: IdPrefix) => `^${prefix}_[0-9A-Za-z]{24}$`;
