import { Type } from '@sinclair/typebox';
import { and, eq } from 'drizzle-orm';
import { memberships } from '../../platform/db/schema.js';
import { withTenant } from '../../platform/db/tenant.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { audit } from '../audit.js';
import { member } from '../auth-gate.js';
import { listMembers } from '../list-members.js';
import { MemberSchema, RoleSchema, Uuid } from '../schemas.js';
import { revokeUserSessions } from '../sessions.js';
import { loadManagedMember } from '../team-rules.js';

/** PATCH /api/v1/members/:userId — changes a member's role; their sessions in this account end (privilege change). */
export function registerMembersUpdate(app: App, ctx: AppContext) {
  app.patch(
    '/api/v1/members/:userId',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['team'],
        params: Type.Object({ userId: Uuid }),
        body: Type.Object({ role: RoleSchema }, { additionalProperties: false }),
        response: { 200: MemberSchema },
      },
    },
    async (request) => {
      const me = member(request);
      const { userId } = request.params;
      const { role } = request.body;
      const updated = await withTenant(ctx.database, me.accountId, async (tx) => {
        const before = await loadManagedMember(tx, me.accountId, me.role, userId, role);
        await tx.update(memberships).set({ role }).where(and(eq(memberships.accountId, me.accountId), eq(memberships.userId, userId)));
        await audit(tx, { accountId: me.accountId, userId: me.userId, action: 'member.role_changed', target: userId, metadata: { from: before.role, to: role }, ip: request.ip });
        const [row] = await listMembers(tx, me.accountId, userId);
        return row;
      });
      if (userId !== me.userId) await revokeUserSessions(ctx.database, userId, me.accountId);
      return updated;
    },
  );
}
