import { audit } from '../../accounts/audit.js';
import { member } from '../../accounts/auth-gate.js';
import { withTenant } from '../../platform/db/tenant.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { createPrice } from '../create-price.js';
import { CreatePriceBody, PriceSchema } from '../schemas.js';
import { scopeOf } from '../../platform/tenancy/scope.js';
import { serializePrice } from '../serialize.js';

/**
 * POST /api/v1/prices — a price of a product: `fixed` (unitAmount, optional maxQuantity) or
 * `custom` (the buyer chooses between minAmount and maxAmount). Amounts in minor units.
 */
export function registerPricesCreate(app: App, ctx: AppContext) {
  app.post(
    '/api/v1/prices',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['catalog'],
        body: CreatePriceBody,
        response: { 201: PriceSchema },
      },
    },
    async (request, reply) => {
      const me = member(request);
      const row = await withTenant(ctx.database, me.accountId, async (tx) => {
        const created = await createPrice(tx, scopeOf(me), request.body);
        const { id: _id, object: _object, createdAt: _createdAt, updatedAt: _updatedAt, ...details } = serializePrice(created);
        await audit(tx, { accountId: me.accountId, userId: me.userId, action: 'price.created', target: created.id, metadata: details, ip: request.ip });
        return created;
      });
      return reply.code(201).send(serializePrice(row));
    },
  );
}
