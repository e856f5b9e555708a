import { loadPrice } from '../load-price.js';
import { auditChanges } from '../../accounts/audit.js';
import { member } from '../../accounts/auth-gate.js';
import { NoBody } from '../../accounts/schemas.js';
import { withTenant } from '../../platform/db/tenant.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { PriceSchema } from '../schemas.js';
import { scopeOf } from '../../platform/tenancy/scope.js';
import { serializePrice } from '../serialize.js';
import { updatePrice } from '../update-price.js';
import { PriceParams } from './prices-get.js';

/** POST /api/v1/prices/:priceId/archive — no longer offered on new forms; existing forms show it as unavailable. Idempotent. */
export function registerPricesArchive(app: App, ctx: AppContext) {
  app.post(
    '/api/v1/prices/:priceId/archive',
    { config: { access: 'admin' }, schema: { tags: ['catalog'], params: PriceParams, body: NoBody, response: { 200: PriceSchema } } },
    async (request) => {
      const me = member(request);
      const row = await withTenant(ctx.database, me.accountId, async (tx) => {
        const before = serializePrice(await loadPrice(tx, scopeOf(me), request.params.priceId));
        const updated = await updatePrice(tx, scopeOf(me), request.params.priceId, { archived: true });
        await auditChanges(tx, { accountId: me.accountId, userId: me.userId, action: 'price.updated', target: updated.id, ip: request.ip }, before, serializePrice(updated));
        return updated;
      });
      return serializePrice(row);
    },
  );
}
