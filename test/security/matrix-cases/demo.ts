import type { Case } from './types.js';

/** The demo shop is set up in the caller's own account (B's owner gets B's shop, never anything of A's). */
export const demoCases: Record<string, Case> = {
  'POST /api/v1/sandbox/demo-shop': { kind: 'collection', body: () => ({}) },
};
