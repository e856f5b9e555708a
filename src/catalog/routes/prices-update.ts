import { loadPrice } from '../load-price.js';
import { auditChanges } from '../../accounts/audit.js';
import { member } from '../../accounts/auth-gate.js';
import { withTenant } from '../../platform/db/tenant.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { PriceSchema, UpdatePriceBody } from '../schemas.js';
import { scopeOf } from '../../platform/tenancy/scope.js';
import { serializePrice } from '../serialize.js';
import { updatePrice } from '../update-price.js';
import { PriceParams } from './prices-get.js';

/** PATCH /api/v1/prices/:priceId — label, amounts, archived; product, type and currency cannot change. */
export function registerPricesUpdate(app: App, ctx: AppContext) {
  app.patch(
    '/api/v1/prices/:priceId',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['catalog'],
        params: PriceParams,
        body: UpdatePriceBody,
        response: { 200: PriceSchema },
      },
    },
    async (request) => {
      const me = member(request);
      const row = await withTenant(ctx.database, me.accountId, async (tx) => {
        const before = serializePrice(await loadPrice(tx, scopeOf(me), request.params.priceId));
        const updated = await updatePrice(tx, scopeOf(me), request.params.priceId, request.body);
        await auditChanges(tx, { accountId: me.accountId, userId: me.userId, action: 'price.updated', target: updated.id, ip: request.ip }, before, serializePrice(updated));
        return updated;
      });
      return serializePrice(row);
    },
  );
}
