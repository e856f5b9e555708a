import { loadProduct } from '../load-product.js';
import { auditChanges } from '../../accounts/audit.js';
import { NoBody } from '../../accounts/schemas.js';
import { member } from '../../accounts/auth-gate.js';
import { withTenant } from '../../platform/db/tenant.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { ProductSchema } from '../schemas.js';
import { scopeOf } from '../../platform/tenancy/scope.js';
import { serializeProduct } from '../serialize.js';
import { updateProduct } from '../update-product.js';
import { ProductParams } from './products-get.js';

/** POST /api/v1/products/:productId/archive — hides the product from new forms; existing forms show it as unavailable. Idempotent. */
export function registerProductsArchive(app: App, ctx: AppContext) {
  app.post(
    '/api/v1/products/:productId/archive',
    { config: { access: 'admin' }, schema: { tags: ['catalog'], params: ProductParams, body: NoBody, response: { 200: ProductSchema } } },
    async (request) => {
      const me = member(request);
      const row = await withTenant(ctx.database, me.accountId, async (tx) => {
        const before = serializeProduct(await loadProduct(tx, scopeOf(me), request.params.productId));
        const updated = await updateProduct(tx, scopeOf(me), request.params.productId, { archived: true });
        await auditChanges(tx, { accountId: me.accountId, userId: me.userId, action: 'product.updated', target: updated.id, ip: request.ip }, before, serializeProduct(updated));
        return updated;
      });
      return serializeProduct(row);
    },
  );
}
