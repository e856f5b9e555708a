import { Type } from '@sinclair/typebox';
import { desc, eq } from 'drizzle-orm';
import { invites } from '../../platform/db/schema.js';
import { withTenant } from '../../platform/db/tenant.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { member } from '../auth-gate.js';
import { InviteSchema } from '../schemas.js';
import { serializeInvite } from './invites-create.js';

/** GET /api/v1/invites — pending and accepted invites of the current account. */
export function registerInvitesList(app: App, ctx: AppContext) {
  app.get(
    '/api/v1/invites',
    { config: { access: 'admin' }, schema: { tags: ['team'], response: { 200: Type.Object({ data: Type.Array(InviteSchema) }) } } },
    async (request) => {
      const me = member(request);
      const rows = await withTenant(ctx.database, me.accountId, (tx) =>
        tx.select().from(invites).where(eq(invites.accountId, me.accountId)).orderBy(desc(invites.createdAt)),
      );
      return { data: rows.map(serializeInvite) };
    },
  );
}
