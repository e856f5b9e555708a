import type { FaultBodies } from '../faults.js';
import { docUrl } from './errors.js';

/**
 * Bodies for injected faults, shaped as Stripe's. The SDK retries 5xx by itself; a 429 carries
 * `code: rate_limit` (SDK: StripeRateLimitError) and, like Stripe's lock timeouts,
 * `Stripe-Should-Retry: true`, so the SDK's own retry logic is exercised.
 */
export const stripeFaultBodies: FaultBodies = {
  status503: () => ({
    error: { type: 'api_error', message: 'Stripe is temporarily unavailable. Please try again later. (sandbox outage)' },
  }),
  status429: () => ({
    headers: { 'stripe-should-retry': 'true' },
    body: {
      error: {
        type: 'invalid_request_error',
        code: 'rate_limit',
        doc_url: docUrl('rate_limit'),
        message: 'Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.',
      },
    },
  }),
  status500: () => ({ error: { type: 'api_error', message: 'An unknown error occurred (sandbox injected 500).' } }),
};
