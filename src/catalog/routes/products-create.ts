import { audit } from '../../accounts/audit.js';
import { member } from '../../accounts/auth-gate.js';
import { withTenant } from '../../platform/db/tenant.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { createProduct } from '../create-product.js';
import { CreateProductBody, ProductSchema } from '../schemas.js';
import { scopeOf } from '../../platform/tenancy/scope.js';
import { serializeProduct } from '../serialize.js';

/** POST /api/v1/products — a new product in the current mode. */
export function registerProductsCreate(app: App, ctx: AppContext) {
  app.post(
    '/api/v1/products',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['catalog'],
        body: CreateProductBody,
        response: { 201: ProductSchema },
      },
    },
    async (request, reply) => {
      const me = member(request);
      const row = await withTenant(ctx.database, me.accountId, async (tx) => {
        const created = await createProduct(tx, scopeOf(me), request.body);
        await audit(tx, { accountId: me.accountId, userId: me.userId, action: 'product.created', target: created.id, metadata: { name: created.name }, ip: request.ip });
        return created;
      });
      return reply.code(201).send(serializeProduct(row));
    },
  );
}
