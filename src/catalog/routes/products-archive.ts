import { NoBody } from '../../accounts/schemas.js';
import { member } from '../../accounts/auth-gate.js';
import { withTenant } from '../../platform/db/tenant.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { ProductSchema } from '../schemas.js';
import { serializeProduct } from '../serialize.js';
import { ProductParams } from './products-get.js';
import { updateProductAudited } from './products-update.js';

/** POST /api/v1/products/:productId/archive — hides the product from new forms; existing forms show it as unavailable. Idempotent. */
export function registerProductsArchive(app: App, ctx: AppContext) {
  app.post(
    '/api/v1/products/:productId/archive',
    { config: { access: 'admin' }, schema: { tags: ['catalog'], params: ProductParams, body: NoBody, response: { 200: ProductSchema } } },
    async (request) => {
      const me = member(request);
      const row = await withTenant(ctx.database, me.accountId, (tx) => updateProductAudited(tx, me, request.ip, request.params.productId, { archived: true }));
      return serializeProduct(row);
    },
  );
}
