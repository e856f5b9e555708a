import { Type } from '@sinclair/typebox';
import { member } from '../../accounts/auth-gate.js';
import { scopeOf } from '../../platform/tenancy/scope.js';
import { withTenant } from '../../platform/db/tenant.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { getSyncStatus } from '../sync-status.js';
import { SyncStatusSchema } from '../schemas.js';

export const SyncTransactionParams = Type.Object({ transactionId: Type.String({ maxLength: 64 }) });

/** GET /api/v1/sync/transactions/:transactionId — where the payment's HubSpot sync stands. */
export function registerSyncTransactionGet(app: App, ctx: AppContext) {
  app.get(
    '/api/v1/sync/transactions/:transactionId',
    { config: { access: 'viewer' }, schema: { tags: ['sync'], params: SyncTransactionParams, response: { 200: SyncStatusSchema } } },
    async (request) => {
      const me = member(request);
      return withTenant(ctx.database, me.accountId, (tx) => getSyncStatus(tx, scopeOf(me), request.params.transactionId));
    },
  );
}
