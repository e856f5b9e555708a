import type { FastifyReply, FastifyRequest } from 'fastify';
import { authenticationExpired, authenticationMissing, HubSpotError, missingScopes } from './errors.js';
import { objectTypeDefs, type ObjectType } from './object-types.js';
import { meterRequest } from './rate-limit.js';
import type { AccessToken, HubSpotStore, Portal } from './store.js';

export interface AuthContext {
  portal: Portal;
  token: AccessToken;
}

const contexts = new WeakMap<FastifyRequest, AuthContext>();

export function bearerToken(req: FastifyRequest): string | undefined {
  const header = req.headers.authorization;
  const match = header ? /^Bearer\s+(.+)$/i.exec(header) : null;
  return match?.[1]?.trim();
}

/** Resolves a token the way HubSpot does: unknown → 401 INVALID_AUTHENTICATION, expired → 401 EXPIRED_AUTHENTICATION. */
export function resolveToken(store: HubSpotStore, raw: string | undefined): AuthContext {
  const token = raw ? store.tokens.get(raw) : undefined;
  const portal = token ? store.portals.get(token.portalId) : undefined;
  if (!token || !portal) throw authenticationMissing();
  const now = store.clock.nowMs();
  if (token.expiresAt !== undefined && token.expiresAt <= now) {
    throw authenticationExpired(Math.ceil((now - token.expiresAt) / 1000), new Date(token.expiresAt).toISOString());
  }
  return { portal, token };
}

/** onRequest hook of every authenticated API route: authenticates, then meters (rate limit + statistics). */
export function authHook(store: HubSpotStore) {
  return async function authenticate(req: FastifyRequest, reply: FastifyReply) {
    let ctx: AuthContext;
    try {
      ctx = resolveToken(store, bearerToken(req));
    } catch (err) {
      if (err instanceof HubSpotError) return reply.code(err.statusCode).send(err.body());
      throw err;
    }
    const endpoint = `${req.method} ${req.routeOptions.url ?? req.url.split('?')[0]}`;
    if (!meterRequest(ctx.portal, ctx.token, endpoint, store.clock.nowMs(), reply)) return reply;
    contexts.set(req, ctx);
  };
}

/** The portal and token of an authenticated request. */
export function auth(req: FastifyRequest): AuthContext {
  const ctx = contexts.get(req);
  if (!ctx) throw authenticationMissing();
  return ctx;
}

/** HubSpot's 403 MISSING_SCOPES when the token lacks the object's read or write scope. */
export function requireObjectScope(req: FastifyRequest, type: ObjectType, access: 'read' | 'write'): AuthContext {
  const ctx = auth(req);
  const family = objectTypeDefs[type].scope;
  const needed = family.startsWith('crm.') ? `${family}.${access}` : family;
  if (!ctx.token.scopes.includes(needed)) throw missingScopes([needed]);
  return ctx;
}
