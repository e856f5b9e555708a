import type { Case } from './types.js';

/** A's paid transaction (from the payments preparer): B gets a 404 for its sync status and its retry; B's lists and retry-all touch B's own dead letters only. */
export const syncCases: Record<string, Case> = {
  'GET /api/v1/sync/transactions/:transactionId': { kind: 'object', path: (w) => `/api/v1/sync/transactions/${w.objects.transactionId}` },
  'POST /api/v1/sync/transactions/:transactionId/retry': {
    kind: 'object',
    path: (w) => `/api/v1/sync/transactions/${w.objects.transactionId}/retry`,
    body: () => ({ email: 'taken-over-by-b@example.com' }),
  },
  'GET /api/v1/sync/failures': { kind: 'collection' },
  'POST /api/v1/sync/failures/retry': { kind: 'collection', body: () => ({}) },
};
