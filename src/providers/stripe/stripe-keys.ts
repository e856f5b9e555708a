import type { Mode } from '../../platform/db/schema.js';
import { AppError } from '../../platform/http/errors.js';

// Stripe's keys are a kind and mode prefix then letters and digits; `_` is tolerated so that Stripe, not us, judges odd keys.
const keyPattern = /^(sk|rk|pk)_(test|live)_[A-Za-z0-9_]{1,247}$/;

/**
 * Checks the shape of a key pair for a mode: a secret (`sk_`) or restricted (`rk_`) key and a
 * publishable key (`pk_`), both of that mode. Stripe itself checks the secret key afterwards.
 */
export function assertStripeKeysFor(mode: Mode, keys: { secretKey: string; publishableKey: string }) {
  const secret = keyPattern.exec(keys.secretKey);
  if (!secret || secret[1] === 'pk') {
    throw new AppError('validation_failed', `secretKey must be a Stripe secret key (sk_${mode}_…) or restricted key (rk_${mode}_…).`);
  }
  if (secret[2] !== mode) {
    throw new AppError('validation_failed', `secretKey is a ${secret[2]}-mode key; the ${mode} mode needs sk_${mode}_… or rk_${mode}_….`);
  }
  const publishable = keyPattern.exec(keys.publishableKey);
  if (!publishable || publishable[1] !== 'pk') throw new AppError('validation_failed', `publishableKey must be a Stripe publishable key (pk_${mode}_…).`);
  if (publishable[2] !== mode) {
    throw new AppError('validation_failed', `publishableKey is a ${publishable[2]}-mode key; the ${mode} mode needs pk_${mode}_….`);
  }
}

/** A masked hint that names a key without revealing it: `sk_test_…4242` (no tail for short keys). */
export function stripeKeyHint(secretKey: string): string {
  const prefix = secretKey.slice(0, 8);
  const rest = secretKey.slice(8);
  return rest.length >= 12 ? `${prefix}…${rest.slice(-4)}` : `${prefix}…`;
}
