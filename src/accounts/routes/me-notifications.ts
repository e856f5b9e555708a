import { and, eq } from 'drizzle-orm';
import { memberships } from '../../platform/db/schema.js';
import { withTenant } from '../../platform/db/tenant.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { member } from '../auth-gate.js';
import { loadMe } from '../load-me.js';
import { MeSchema, NotificationsSchema } from '../schemas.js';

/** PUT /api/v1/me/notifications — the emails the signed-in member gets about the current account (any role: their own choice). */
export function registerMeNotifications(app: App, ctx: AppContext) {
  app.put(
    '/api/v1/me/notifications',
    { config: { access: 'viewer' }, schema: { tags: ['me'], body: NotificationsSchema, response: { 200: MeSchema } } },
    async (request) => {
      const me = member(request);
      const { dailySummary, syncFailures } = request.body;
      await withTenant(ctx.database, me.accountId, (tx) =>
        tx
          .update(memberships)
          .set({ notifyDailySummary: dailySummary, notifySyncFailures: syncFailures })
          .where(and(eq(memberships.accountId, me.accountId), eq(memberships.userId, me.userId))),
      );
      return loadMe(ctx, me.userId, me.accountId, me.mode);
    },
  );
}
