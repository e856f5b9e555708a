import { Type } from '@sinclair/typebox';
import { member } from '../../accounts/auth-gate.js';
import { withTenant } from '../../platform/db/tenant.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { loadProduct } from '../load-product.js';
import { ProductSchema } from '../schemas.js';
import { scopeOf } from '../../platform/tenancy/scope.js';
import { serializeProduct } from '../serialize.js';

export const ProductParams = Type.Object({ productId: Type.String({ maxLength: 64 }) });

/** GET /api/v1/products/:productId */
export function registerProductsGet(app: App, ctx: AppContext) {
  app.get(
    '/api/v1/products/:productId',
    { config: { access: 'viewer' }, schema: { tags: ['catalog'], params: ProductParams, response: { 200: ProductSchema } } },
    async (request) => {
      const me = member(request);
      const row = await withTenant(ctx.database, me.accountId, (tx) => loadProduct(tx, scopeOf(me), request.params.productId));
      return serializeProduct(row);
    },
  );
}
