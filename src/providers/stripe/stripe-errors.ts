import Stripe from 'stripe';
import { AppError } from '../../platform/http/errors.js';
import { ProviderError } from '../payment-provider.js';

/** True when Stripe answered "no such object" (e.g. a webhook endpoint already deleted). */
export function isStripeNotFound(err: unknown): boolean {
  return err instanceof Stripe.errors.StripeError && err.statusCode === 404;
}

/** True when Stripe says the customer we named does not exist (it belongs to another Stripe account). */
export function isStripeMissingCustomer(err: unknown): boolean {
  return err instanceof Stripe.errors.StripeError && err.code === 'resource_missing' && err.param === 'customer';
}

/** True when Stripe refused the key itself (revoked, wrong, or lacking a permission). */
export function isStripeKeyRefused(err: unknown): boolean {
  return err instanceof Stripe.errors.StripeAuthenticationError || err instanceof Stripe.errors.StripePermissionError;
}

/**
 * Maps an error from the Stripe SDK to the API's error: Stripe unreachable, rate-limiting or
 * failing on its side → 503 provider_unavailable; Stripe refusing what we sent (key, URL, params)
 * → 422 unprocessable with Stripe's own message, which is written to be shown. Anything else is
 * not a Stripe answer and is rethrown as is.
 */
export function stripeErrorToAppError(err: unknown, doing: string): AppError {
  if (!(err instanceof Stripe.errors.StripeError)) throw err;
  if (
    err instanceof Stripe.errors.StripeConnectionError ||
    err instanceof Stripe.errors.StripeRateLimitError ||
    err.statusCode === undefined ||
    err.statusCode >= 500
  ) {
    return new AppError('provider_unavailable', `Stripe could not be reached while ${doing}. Please try again in a moment.`);
  }
  return new AppError('unprocessable', `Stripe refused ${doing}: ${err.message}`, { provider: 'stripe', providerCode: err.code ?? err.type });
}

/**
 * An error from the Stripe SDK in the port's terms (payment-provider.ts): unreachable, rate-limited,
 * failing on Stripe's side, or busy with the same idempotency key → `unavailable` (nothing is known
 * to have happened); no such object → `not_found`; any other 4xx → `refused` (nothing was made).
 * Anything else is not a Stripe answer and is returned as is.
 */
export function toProviderError(err: unknown): unknown {
  if (!(err instanceof Stripe.errors.StripeError)) return err;
  const unavailable =
    err instanceof Stripe.errors.StripeConnectionError ||
    err instanceof Stripe.errors.StripeRateLimitError ||
    err instanceof Stripe.errors.StripeIdempotencyError ||
    err.statusCode === undefined ||
    err.statusCode >= 500 ||
    err.statusCode === 409;
  const kind = unavailable ? 'unavailable' : err.statusCode === 404 ? 'not_found' : 'refused';
  return new ProviderError(kind, 'stripe', err.message || 'Stripe refused the request.', err.code ?? err.type);
}
