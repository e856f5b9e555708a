import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../platform/http/types.js';
import { withTenant } from '../platform/db/tenant.js';
import { audit } from './audit.js';
import { loadMe } from './load-me.js';
import { rotateSession } from './sessions.js';
import { setSessionCookie } from './session-cookie.js';

/**
 * Starts a signed-in session for a user in an account: the pre-login session id is revoked
 * and a new one issued (session fixation), with a new CSRF token returned in the body.
 */
export async function signIn(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, userId: string, accountId: string) {
  const previous = request.auth?.sessionIdHash ?? null;
  const { id, row } = await rotateSession(ctx.database, ctx.config.session, previous, { userId, accountId, mode: request.auth?.mode });
  setSessionCookie(reply, ctx.config.https, id, ctx.config.session.absoluteHours * 3600);
  await withTenant(ctx.database, accountId, (tx) => audit(tx, { accountId, userId, action: 'auth.signed_in', ip: request.ip }));
  const me = await loadMe(ctx, userId, accountId, row.mode);
  return { ...me, csrfToken: row.csrfToken };
}
