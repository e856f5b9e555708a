import { Type } from '@sinclair/typebox';
import { eq } from 'drizzle-orm';
import { memberships, users } from '../../platform/db/schema.js';
import { withTenant } from '../../platform/db/tenant.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { member } from '../auth-gate.js';
import { MemberSchema } from '../schemas.js';

/** GET /api/v1/members — the team of the current account. */
export function registerMembersList(app: App, ctx: AppContext) {
  app.get(
    '/api/v1/members',
    { config: { access: 'viewer' }, schema: { tags: ['team'], response: { 200: Type.Object({ data: Type.Array(MemberSchema) }) } } },
    async (request) => {
      const me = member(request);
      const rows = await withTenant(ctx.database, me.accountId, (tx) =>
        tx
          .select({ userId: memberships.userId, email: users.email, name: users.name, role: memberships.role, createdAt: memberships.createdAt })
          .from(memberships)
          .innerJoin(users, eq(users.id, memberships.userId))
          .where(eq(memberships.accountId, me.accountId))
          .orderBy(memberships.createdAt),
      );
      return { data: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })) };
    },
  );
}
