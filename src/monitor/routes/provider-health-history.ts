import { Type } from '@sinclair/typebox';
import { member } from '../../accounts/auth-gate.js';
import { ModeSchema } from '../../accounts/schemas.js';
import { withTenant } from '../../platform/db/tenant.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { listStatusHistory } from '../provider-health.js';
import { ListQueryFields, page } from '../../platform/tenancy/page-schema.js';
import { MonitoredProviderSchema, StatusEventSchema } from '../schemas.js';

/** GET /api/v1/provider-health/:provider/:mode/history — a connection's up and down periods, newest first (kept 30 days). */
export function registerProviderHealthHistory(app: App, ctx: AppContext) {
  app.get(
    '/api/v1/provider-health/:provider/:mode/history',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['monitoring'],
        params: Type.Object({ provider: MonitoredProviderSchema, mode: ModeSchema }),
        querystring: Type.Object({ limit: ListQueryFields.limit, cursor: ListQueryFields.cursor }, { additionalProperties: false }),
        response: { 200: page(StatusEventSchema) },
      },
    },
    async (request) => {
      const me = member(request);
      const { provider, mode } = request.params;
      return withTenant(ctx.database, me.accountId, (tx) =>
        listStatusHistory(tx, { accountId: me.accountId, provider, mode }, { limit: request.query.limit ?? 20, cursor: request.query.cursor }),
      );
    },
  );
}
