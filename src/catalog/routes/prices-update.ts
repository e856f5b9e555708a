import { auditChanges } from '../../accounts/audit.js';
import { member } from '../../accounts/auth-gate.js';
import { withTenant, type Tx } from '../../platform/db/tenant.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { PriceSchema, UpdatePriceBody } from '../schemas.js';
import { scopeOf } from '../../platform/tenancy/scope.js';
import { serializePrice } from '../serialize.js';
import { updatePrice, type PricePatch } from '../update-price.js';
import { PriceParams } from './prices-get.js';

/** Changes a price for a member (the update and archive routes), auditing what changed. */
export async function updatePriceAudited(tx: Tx, me: ReturnType<typeof member>, ip: string, priceId: string, patch: PricePatch) {
  const { before, after } = await updatePrice(tx, scopeOf(me), priceId, patch);
  await auditChanges(tx, { accountId: me.accountId, userId: me.userId, action: 'price.updated', target: after.id, ip }, serializePrice(before), serializePrice(after));
  return after;
}

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
      const row = await withTenant(ctx.database, me.accountId, (tx) => updatePriceAudited(tx, me, request.ip, request.params.priceId, request.body));
      return serializePrice(row);
    },
  );
}
