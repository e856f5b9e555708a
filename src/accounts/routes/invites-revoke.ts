import { Type } from '@sinclair/typebox';
import { and, eq } from 'drizzle-orm';
import { invites } from '../../platform/db/schema.js';
import { withTenant } from '../../platform/db/tenant.js';
import { notFound } from '../../platform/http/errors.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { audit } from '../audit.js';
import { member } from '../auth-gate.js';
import { Uuid } from '../schemas.js';

/** DELETE /api/v1/invites/:inviteId — revokes an invite link. */
export function registerInvitesRevoke(app: App, ctx: AppContext) {
  app.delete(
    '/api/v1/invites/:inviteId',
    { config: { access: 'admin' }, schema: { tags: ['team'], params: Type.Object({ inviteId: Uuid }), response: { 204: Type.Null() } } },
    async (request, reply) => {
      const me = member(request);
      await withTenant(ctx.database, me.accountId, async (tx) => {
        const deleted = await tx
          .delete(invites)
          .where(and(eq(invites.accountId, me.accountId), eq(invites.id, request.params.inviteId)))
          .returning({ email: invites.email });
        if (deleted.length === 0) throw notFound('Invite');
        await audit(tx, { accountId: me.accountId, userId: me.userId, action: 'member.invite_revoked', target: deleted[0].email, ip: request.ip });
      });
      return reply.code(204).send(null);
    },
  );
}
