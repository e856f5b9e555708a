import { Type } from '@sinclair/typebox';
import { member } from '../../accounts/auth-gate.js';
import { withTenant } from '../../platform/db/tenant.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { Amount, MaxQuantity, PriceSchema } from '../schemas.js';
import { scopeOf } from '../../platform/tenancy/scope.js';
import { serializePrice } from '../serialize.js';
import { updatePrice } from '../update-price.js';
import { PriceParams } from './prices-get.js';
import { Nickname } from './prices-create.js';

/** PATCH /api/v1/prices/:priceId — label, amounts, archived; product, type and currency cannot change. */
export function registerPricesUpdate(app: App, ctx: AppContext) {
  app.patch(
    '/api/v1/prices/:priceId',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['catalog'],
        params: PriceParams,
        body: Type.Object(
          {
            nickname: Type.Optional(Nickname),
            unitAmount: Type.Optional(Amount),
            maxQuantity: Type.Optional(MaxQuantity),
            minAmount: Type.Optional(Amount),
            maxAmount: Type.Optional(Amount),
            archived: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: { 200: PriceSchema },
      },
    },
    async (request) => {
      const me = member(request);
      const row = await withTenant(ctx.database, me.accountId, (tx) => updatePrice(tx, scopeOf(me), request.params.priceId, request.body));
      return serializePrice(row);
    },
  );
}
