import { Type } from '@sinclair/typebox';
import { and, eq } from 'drizzle-orm';
import { memberships } from '../../platform/db/schema.js';
import { withTenant } from '../../platform/db/tenant.js';
import { notFound } from '../../platform/http/errors.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { audit } from '../audit.js';
import { member } from '../auth-gate.js';
import { AccountId, SignedInSchema } from '../schemas.js';
import { signIn } from '../sign-in.js';

/** PUT /api/v1/me/account — switches to another account the user belongs to (a privilege change: new session id). */
export function registerMeAccount(app: App, ctx: AppContext) {
  app.put(
    '/api/v1/me/account',
    {
      config: { access: 'viewer' },
      schema: { tags: ['me'], body: Type.Object({ accountId: AccountId }, { additionalProperties: false }), response: { 200: SignedInSchema } },
    },
    async (request, reply) => {
      const me = member(request);
      const target = request.body.accountId;
      const [membership] = await ctx.database.db
        .select({ role: memberships.role })
        .from(memberships)
        .where(and(eq(memberships.accountId, target), eq(memberships.userId, me.userId)));
      if (!membership) throw notFound('Account');
      await withTenant(ctx.database, target, (tx) => audit(tx, { accountId: target, userId: me.userId, action: 'auth.account_switched', ip: request.ip }));
      return signIn(ctx, request, reply, me.userId, target);
    },
  );
}
