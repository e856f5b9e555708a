import { member } from '../../accounts/auth-gate.js';
import { NoBody } from '../../accounts/schemas.js';
import { withTenant } from '../../platform/db/tenant.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { PriceSchema } from '../schemas.js';
import { serializePrice } from '../serialize.js';
import { PriceParams } from './prices-get.js';
import { updatePriceAudited } from './prices-update.js';

/** POST /api/v1/prices/:priceId/archive — no longer offered on new forms; existing forms show it as unavailable. Idempotent. */
export function registerPricesArchive(app: App, ctx: AppContext) {
  app.post(
    '/api/v1/prices/:priceId/archive',
    { config: { access: 'admin' }, schema: { tags: ['catalog'], params: PriceParams, body: NoBody, response: { 200: PriceSchema } } },
    async (request) => {
      const me = member(request);
      const row = await withTenant(ctx.database, me.accountId, (tx) => updatePriceAudited(tx, me, request.ip, request.params.priceId, { archived: true }));
      return serializePrice(row);
    },
  );
}
