import { Type } from '@sinclair/typebox';
import { member } from '../../accounts/auth-gate.js';
import { Email } from '../../accounts/schemas.js';
import { scopeOf } from '../../platform/tenancy/scope.js';
import { withTenant } from '../../platform/db/tenant.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { retrySync } from '../retry-sync.js';
import { getSyncStatus } from '../sync-status.js';
import { SyncStatusSchema } from '../schemas.js';
import { SyncTransactionParams } from './sync-transaction-get.js';

const RetryBody = Type.Union([
  Type.Null(),
  Type.Object({ email: Type.Optional({ ...Email, description: "The buyer's corrected email (when HubSpot refused theirs)" }) }, { additionalProperties: false }),
]);

/** POST /api/v1/sync/transactions/:transactionId/retry — sync the payment again now, optionally correcting the buyer's email first. 202. */
export function registerSyncTransactionRetry(app: App, ctx: AppContext) {
  app.post(
    '/api/v1/sync/transactions/:transactionId/retry',
    { config: { access: 'admin' }, schema: { tags: ['sync'], params: SyncTransactionParams, body: RetryBody, response: { 202: SyncStatusSchema } } },
    async (request, reply) => {
      const me = member(request);
      const scope = scopeOf(me);
      const status = await withTenant(ctx.database, me.accountId, async (tx) => {
        await retrySync(tx, scope, request.params.transactionId, { email: request.body?.email, userId: me.userId, ip: request.ip });
        return getSyncStatus(tx, scope, request.params.transactionId);
      });
      return reply.code(202).send(status);
    },
  );
}
