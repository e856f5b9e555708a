import type { Case } from './types.js';

/** Provider health is read for the caller's own account: B sees only its own (none), never A's connections. */
export const monitorCases: Record<string, Case> = {
  'GET /api/v1/provider-health': { kind: 'collection' },
  'GET /api/v1/provider-health/:provider/:mode/history': { kind: 'collection', path: () => '/api/v1/provider-health/stripe/test/history' },
};
