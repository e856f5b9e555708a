import { Type } from '@sinclair/typebox';
import { member } from '../../accounts/auth-gate.js';
import { withTenant } from '../../platform/db/tenant.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { listProducts } from '../list-products.js';
import { ListQueryFields, page } from '../../platform/tenancy/page-schema.js';
import { ProductSchema } from '../schemas.js';
import { scopeOf } from '../../platform/tenancy/scope.js';

/** GET /api/v1/products — the products of the current account and mode, newest first. */
export function registerProductsList(app: App, ctx: AppContext) {
  app.get(
    '/api/v1/products',
    {
      config: { access: 'viewer' },
      schema: { tags: ['catalog'], querystring: Type.Object(ListQueryFields, { additionalProperties: false }), response: { 200: page(ProductSchema) } },
    },
    async (request) => {
      const me = member(request);
      return withTenant(ctx.database, me.accountId, (tx) => listProducts(tx, scopeOf(me), request.query));
    },
  );
}
