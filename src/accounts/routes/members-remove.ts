import { Type } from '@sinclair/typebox';
import { and, eq } from 'drizzle-orm';
import { memberships } from '../../platform/db/schema.js';
import { withTenant } from '../../platform/db/tenant.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { audit } from '../audit.js';
import { member } from '../auth-gate.js';
import { Uuid } from '../schemas.js';
import { revokeUserSessions } from '../sessions.js';
import { loadManagedMember } from '../team-rules.js';

/** DELETE /api/v1/members/:userId — removes a member and ends their sessions in this account. */
export function registerMembersRemove(app: App, ctx: AppContext) {
  app.delete(
    '/api/v1/members/:userId',
    {
      config: { access: 'admin' },
      schema: { tags: ['team'], params: Type.Object({ userId: Uuid }), response: { 204: Type.Null() } },
    },
    async (request, reply) => {
      const me = member(request);
      const { userId } = request.params;
      await withTenant(ctx.database, me.accountId, async (tx) => {
        const before = await loadManagedMember(tx, me.accountId, me.role, userId);
        await tx.delete(memberships).where(and(eq(memberships.accountId, me.accountId), eq(memberships.userId, userId)));
        await audit(tx, { accountId: me.accountId, userId: me.userId, action: 'member.removed', target: userId, metadata: { role: before.role }, ip: request.ip });
      });
      await revokeUserSessions(ctx.database, userId, me.accountId);
      return reply.code(204).send(null);
    },
  );
}
