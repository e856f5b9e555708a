import { Type } from '@sinclair/typebox';
import { member } from '../../accounts/auth-gate.js';
import { NoBody } from '../../accounts/schemas.js';
import { scopeOf } from '../../platform/tenancy/scope.js';
import { withTenant } from '../../platform/db/tenant.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { retryFailedSyncs } from '../retry-sync.js';

/** POST /api/v1/sync/failures/retry — sync every dead letter of the current mode again. 202 with how many. */
export function registerSyncFailuresRetry(app: App, ctx: AppContext) {
  app.post(
    '/api/v1/sync/failures/retry',
    { config: { access: 'admin' }, schema: { tags: ['sync'], body: NoBody, response: { 202: Type.Object({ retried: Type.Integer() }) } } },
    async (request, reply) => {
      const me = member(request);
      const retried = await withTenant(ctx.database, me.accountId, (tx) => retryFailedSyncs(tx, scopeOf(me)));
      return reply.code(202).send({ retried });
    },
  );
}
