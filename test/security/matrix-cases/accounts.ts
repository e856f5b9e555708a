import type { Case } from './types.js';

export const accountCases: Record<string, Case> = {
  'GET /api/v1/auth/csrf': { kind: 'anonymous' },
  'POST /api/v1/auth/signup': { kind: 'anonymous' },
  'POST /api/v1/auth/login': { kind: 'anonymous' },
  'POST /api/v1/auth/accept-invite': { kind: 'anonymous' },
  'POST /api/v1/auth/password-reset': { kind: 'anonymous' },
  'POST /api/v1/auth/password-reset/confirm': { kind: 'anonymous' },
  'POST /api/v1/auth/logout': { kind: 'collection', body: () => ({}) },
  'GET /api/v1/me': { kind: 'collection' },
  'PUT /api/v1/me/mode': { kind: 'collection', body: () => ({ mode: 'test' }) },
  // B chooses the emails of its own membership only.
  'PUT /api/v1/me/notifications': { kind: 'collection', body: () => ({ dailySummary: true, syncFailures: true }) },
  'PUT /api/v1/me/account': { kind: 'object', body: (w) => ({ accountId: w.a.accountId }) },
  'PATCH /api/v1/account': { kind: 'collection', body: () => ({ name: 'Renamed by B' }) },
  'GET /api/v1/members': { kind: 'collection' },
  'PATCH /api/v1/members/:userId': { kind: 'object', path: (w) => `/api/v1/members/${w.a.userIds.viewer}`, body: () => ({ role: 'admin' }) },
  'DELETE /api/v1/members/:userId': { kind: 'object', path: (w) => `/api/v1/members/${w.a.userIds.viewer}` },
  'POST /api/v1/invites': { kind: 'collection', body: () => ({ email: 'newcomer@example.com', role: 'viewer' }) },
  'GET /api/v1/invites': { kind: 'collection' },
  'DELETE /api/v1/invites/:inviteId': { kind: 'object', path: (w) => `/api/v1/invites/${w.inviteIdA}` },
  'GET /api/v1/audit-log': { kind: 'collection' },
};
