import { Type } from '@sinclair/typebox';
import { member } from '../../accounts/auth-gate.js';
import { page } from '../../platform/tenancy/page-schema.js';
import { scopeOf } from '../../platform/tenancy/scope.js';
import { withTenant } from '../../platform/db/tenant.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { listSyncFailures } from '../sync-status.js';
import { SyncStatusSchema } from '../schemas.js';

const Query = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    cursor: Type.Optional(Type.String({ maxLength: 64, description: 'The nextCursor of the previous page' })),
  },
  { additionalProperties: false },
);

/** GET /api/v1/sync/failures — payments whose HubSpot sync failed for good (dead letters), with the reason, most recent first. */
export function registerSyncFailuresList(app: App, ctx: AppContext) {
  app.get(
    '/api/v1/sync/failures',
    { config: { access: 'viewer' }, schema: { tags: ['sync'], querystring: Query, response: { 200: page(SyncStatusSchema) } } },
    async (request) => {
      const me = member(request);
      return withTenant(ctx.database, me.accountId, (tx) => listSyncFailures(tx, scopeOf(me), request.query));
    },
  );
}
