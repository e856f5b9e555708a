import { Type } from '@sinclair/typebox';
import { member } from '../../accounts/auth-gate.js';
import { withTenant } from '../../platform/db/tenant.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { listPrices } from '../list-prices.js';
import { ListQueryFields, page } from '../../platform/tenancy/page-schema.js';
import { Currency, PriceSchema } from '../schemas.js';
import { scopeOf } from '../../platform/tenancy/scope.js';

/** GET /api/v1/prices — the prices of the current account and mode, newest first; filter by productId, currency, archived. */
export function registerPricesList(app: App, ctx: AppContext) {
  app.get(
    '/api/v1/prices',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['catalog'],
        querystring: Type.Object(
          { ...ListQueryFields, productId: Type.Optional(Type.String({ maxLength: 64 })), currency: Type.Optional(Currency) },
          { additionalProperties: false },
        ),
        response: { 200: page(PriceSchema) },
      },
    },
    async (request) => {
      const me = member(request);
      return withTenant(ctx.database, me.accountId, (tx) => listPrices(tx, scopeOf(me), request.query));
    },
  );
}
