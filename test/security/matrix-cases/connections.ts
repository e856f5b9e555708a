import type { Case, Preparer } from './types.js';

// Any well-formed key is an account at the Stripe stand-in: B connects its own, never A's.
const keysOfB = { secretKey: 'sk_test_matrixAccountB', publishableKey: 'pk_test_matrixAccountB' };

/** Connecting routes act on the caller's own account: B's admin connects, disconnects and lists B's Stripe only. */
export const connectionCases: Record<string, Case> = {
  'GET /api/v1/connections': { kind: 'collection' },
  'PUT /api/v1/connections/stripe/:mode': { kind: 'collection', path: () => '/api/v1/connections/stripe/test', body: () => keysOfB },
  'DELETE /api/v1/connections/stripe/:mode': { kind: 'collection', path: () => '/api/v1/connections/stripe/test' },
  'POST /api/v1/connections/stripe/:mode/sandbox': { kind: 'collection', path: () => '/api/v1/connections/stripe/test/sandbox', body: () => ({}) },
};

/** Connects A's Stripe (test mode, one-step sandbox); its publishable key and hint must never reach B. */
export const prepareConnections: Preparer = async (w) => {
  const res = await w.a.owner.request('POST', '/api/v1/connections/stripe/test/sandbox', {});
  if (res.statusCode !== 201) throw new Error(`connecting A's Stripe failed: ${res.statusCode} ${res.body}`);
  w.objects.stripePublishableKeyA = res.json().publishableKey;
  w.objects.stripeHintA = res.json().hint;
};
