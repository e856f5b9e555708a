import { Type } from '@sinclair/typebox';
import { member } from '../../accounts/auth-gate.js';
import { withTenant } from '../../platform/db/tenant.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { loadPrice } from '../load-price.js';
import { PriceSchema } from '../schemas.js';
import { scopeOf } from '../../platform/tenancy/scope.js';
import { serializePrice } from '../serialize.js';

export const PriceParams = Type.Object({ priceId: Type.String({ maxLength: 64 }) });

/** GET /api/v1/prices/:priceId */
export function registerPricesGet(app: App, ctx: AppContext) {
  app.get(
    '/api/v1/prices/:priceId',
    { config: { access: 'viewer' }, schema: { tags: ['catalog'], params: PriceParams, response: { 200: PriceSchema } } },
    async (request) => {
      const me = member(request);
      const row = await withTenant(ctx.database, me.accountId, (tx) => loadPrice(tx, scopeOf(me), request.params.priceId));
      return serializePrice(row);
    },
  );
}
