import { auditChanges } from '../../accounts/audit.js';
import { member } from '../../accounts/auth-gate.js';
import { withTenant, type Tx } from '../../platform/db/tenant.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { ProductSchema, UpdateProductBody } from '../schemas.js';
import { scopeOf } from '../../platform/tenancy/scope.js';
import { serializeProduct } from '../serialize.js';
import { updateProduct, type ProductPatch } from '../update-product.js';
import { ProductParams } from './products-get.js';

/** Changes a product for a member (the update and archive routes), auditing what changed. */
export async function updateProductAudited(tx: Tx, me: ReturnType<typeof member>, ip: string, productId: string, patch: ProductPatch) {
  const { before, after } = await updateProduct(tx, scopeOf(me), productId, patch);
  await auditChanges(tx, { accountId: me.accountId, userId: me.userId, action: 'product.updated', target: after.id, ip }, serializeProduct(before), serializeProduct(after));
  return after;
}

/** PATCH /api/v1/products/:productId — rename, describe, or archive/restore (archived: false). */
export function registerProductsUpdate(app: App, ctx: AppContext) {
  app.patch(
    '/api/v1/products/:productId',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['catalog'],
        params: ProductParams,
        body: UpdateProductBody,
        response: { 200: ProductSchema },
      },
    },
    async (request) => {
      const me = member(request);
      const row = await withTenant(ctx.database, me.accountId, (tx) => updateProductAudited(tx, me, request.ip, request.params.productId, request.body));
      return serializeProduct(row);
    },
  );
}
