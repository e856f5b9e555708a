import { randomBytes } from 'node:crypto';

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A random base62 string; ids and secrets leave the stand-in as opaque strings like Stripe's. */
export function randomToken(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[bytes[i] % alphabet.length];
  return out;
}

/** `newId('pi')` → `pi_3Qx…` (24 random characters after the prefix, as Stripe's ids). */
export function newId(prefix: string): string {
  return `${prefix}_${randomToken(24)}`;
}
