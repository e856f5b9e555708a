import { Type } from '@sinclair/typebox';
import { withTenant } from '../../platform/db/tenant.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { audit } from '../audit.js';
import { member } from '../auth-gate.js';
import { NoBody } from '../schemas.js';
import { revokeSession } from '../sessions.js';
import { clearSessionCookie } from '../session-cookie.js';

/** POST /api/v1/auth/logout — revokes the session on the server, not just the cookie. */
export function registerAuthLogout(app: App, ctx: AppContext) {
  app.post(
    '/api/v1/auth/logout',
    {
      config: { access: 'viewer' },
      schema: { tags: ['auth'], body: NoBody, response: { 204: Type.Null() } },
    },
    async (request, reply) => {
      const me = member(request);
      await revokeSession(ctx.database, me.sessionIdHash);
      await withTenant(ctx.database, me.accountId, (tx) => audit(tx, { accountId: me.accountId, userId: me.userId, action: 'auth.signed_out', ip: request.ip }));
      clearSessionCookie(reply, ctx.config.https);
      return reply.code(204).send(null);
    },
  );
}
