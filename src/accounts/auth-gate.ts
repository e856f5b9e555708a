import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { memberships, roles, type Role } from '../platform/db/schema.js';
import { AppError } from '../platform/http/errors.js';
import { assertSameSite } from '../platform/http/origin-check.js';
import type { App, AppContext } from '../platform/http/types.js';
import { findSession } from './sessions.js';
import { readSessionCookie } from './session-cookie.js';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);
export const roleRank: Record<Role, number> = { viewer: 0, admin: 1, owner: 2 };

export function hasRole(actual: Role | null, needed: Role): boolean {
  return actual !== null && roleRank[actual] >= roleRank[needed];
}

function tokensEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

function decodedPath(url: string): string {
  const path = url.split('?')[0]!;
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/**
 * The private API's gate, run before the body is read: refuses cross-site state changes,
 * loads the server-side session, checks the CSRF token on every state-changing request and
 * the member's current role (read from the database each time, so a demotion takes effect at once).
 * Routes declare who may call them in `config.access`; a private route without it is refused.
 */
export function registerAuthGate(app: App, ctx: AppContext) {
  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (request: FastifyRequest) => {
    // The route that matched, not the raw URL: `/%61pi/v1/…` reaches the same handler and must meet the same gate.
    if (!(request.routeOptions.url ?? decodedPath(request.url)).startsWith('/api/v1/')) return;
    if (request.method === 'OPTIONS') {
      throw new AppError('cross_origin_refused', 'The private API does not answer cross-origin preflight requests.');
    }
    const access = request.routeOptions.config?.access;
    if (access === undefined || access === 'public') return; // unknown route: the 404 handler answers
    const changesState = !safeMethods.has(request.method);
    if (changesState) assertSameSite(request, ctx.config.publicUrl);

    const session = await findSession(ctx.database, ctx.config.session, readSessionCookie(request, ctx.config.https));
    if (changesState) {
      const token = request.headers['x-csrf-token'];
      if (!session || typeof token !== 'string' || !tokensEqual(token, session.csrfToken)) {
        throw new AppError('csrf_failed', 'Missing or invalid CSRF token. Fetch one from GET /api/v1/auth/csrf and send it in the x-csrf-token header.');
      }
    }
    let role: Role | null = null;
    if (session?.userId && session.accountId) {
      const [membership] = await ctx.database.db
        .select({ role: memberships.role })
        .from(memberships)
        .where(and(eq(memberships.accountId, session.accountId), eq(memberships.userId, session.userId)))
        .limit(1);
      role = membership?.role ?? null;
    }
    request.auth = session
      ? { sessionIdHash: session.idHash, csrfToken: session.csrfToken, userId: session.userId, accountId: session.accountId, mode: session.mode, role }
      : null;

    if (access === 'anonymous') return;
    if (!roles.includes(access)) throw new AppError('internal', 'Route access is misconfigured.');
    if (!request.auth?.userId || !request.auth.accountId || role === null) {
      throw new AppError('unauthenticated', 'Sign in to continue.');
    }
    if (!hasRole(role, access)) {
      throw new AppError('forbidden', `This needs the ${access} role; you are ${role}.`);
    }
  });
}

/** The signed-in member of a route whose access is a role (the gate guarantees it). */
export function member(request: FastifyRequest) {
  const auth = request.auth;
  if (!auth?.userId || !auth.accountId || !auth.role) throw new AppError('unauthenticated', 'Sign in to continue.');
  return { ...auth, userId: auth.userId, accountId: auth.accountId, role: auth.role };
}
