import { and, eq } from 'drizzle-orm';
import { products } from '../platform/db/schema.js';
import type { Tx } from '../platform/db/tenant.js';
import { notFound } from '../platform/http/errors.js';
import type { Scope } from '../platform/tenancy/scope.js';

/** The product in this account and mode, or a 404 (another account's or mode's product does not exist here). */
export async function loadProduct(tx: Tx, scope: Scope, productId: string, options: { forUpdate?: boolean } = {}) {
  const query = tx
    .select()
    .from(products)
    .where(and(eq(products.accountId, scope.accountId), eq(products.mode, scope.mode), eq(products.id, productId)));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  if (!row) throw notFound('Product');
  return row;
}
