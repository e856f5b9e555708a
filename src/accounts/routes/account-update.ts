import { Type } from '@sinclair/typebox';
import { eq } from 'drizzle-orm';
import { accounts } from '../../platform/db/schema.js';
import { withTenant } from '../../platform/db/tenant.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { audit, changesOf } from '../audit.js';
import { member } from '../auth-gate.js';

/** PATCH /api/v1/account — renames the current account. */
export function registerAccountUpdate(app: App, ctx: AppContext) {
  app.patch(
    '/api/v1/account',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['account'],
        body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ id: Type.String(), name: Type.String() }) },
      },
    },
    async (request) => {
      const me = member(request);
      return withTenant(ctx.database, me.accountId, async (tx) => {
        const [before] = await tx.select({ name: accounts.name }).from(accounts).where(eq(accounts.id, me.accountId)).for('update');
        const [row] = await tx.update(accounts).set({ name: request.body.name }).where(eq(accounts.id, me.accountId)).returning();
        await audit(tx, { accountId: me.accountId, userId: me.userId, action: 'account.updated', metadata: { name: request.body.name, changes: changesOf({ name: before!.name }, { name: row!.name }) }, ip: request.ip });
        return { id: row.id, name: row.name };
      });
    },
  );
}
