import { Type } from '@sinclair/typebox';
import { member } from '../../accounts/auth-gate.js';
import { ModeSchema } from '../../accounts/schemas.js';
import { withTenant } from '../../platform/db/tenant.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { listStatusHistory, StatusEventSchema } from '../provider-health.js';

/** GET /api/v1/provider-health/:provider/:mode/history — a connection's up and down periods, newest first (kept 30 days). */
export function registerProviderHealthHistory(app: App, ctx: AppContext) {
  app.get(
    '/api/v1/provider-health/:provider/:mode/history',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['monitoring'],
        params: Type.Object({ provider: Type.Union([Type.Literal('stripe'), Type.Literal('hubspot'), Type.Literal('paypal')]), mode: ModeSchema }),
        querystring: Type.Object(
          {
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
            cursor: Type.Optional(Type.String({ maxLength: 64, description: 'The nextCursor of the previous page' })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ data: Type.Array(StatusEventSchema), nextCursor: Type.Union([Type.String(), Type.Null()]) }) },
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
