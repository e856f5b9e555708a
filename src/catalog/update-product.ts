import { and, eq } from 'drizzle-orm';
import { products } from '../platform/db/schema.js';
import type { Tx } from '../platform/db/tenant.js';
import { productName } from './create-product.js';
import { loadProduct } from './load-product.js';
import type { Scope } from '../platform/tenancy/scope.js';

export interface ProductPatch {
  name?: string;
  description?: string;
  archived?: boolean;
}

/**
 * Changes a product. Archiving keeps it (and its prices) for existing forms and transactions,
 * where it shows as unavailable; it can no longer be added to a form or get new prices. Returns the
 * product before and after the change.
 */
export async function updateProduct(tx: Tx, scope: Scope, productId: string, patch: ProductPatch) {
  const before = await loadProduct(tx, scope, productId, { forUpdate: true });
  const [row] = await tx
    .update(products)
    .set({
      ...(patch.name !== undefined ? { name: productName(patch.name) } : {}),
      ...(patch.description !== undefined ? { description: patch.description.trim() } : {}),
      ...(patch.archived !== undefined ? { archived: patch.archived } : {}),
      updatedAt: new Date(),
    })
    .where(and(eq(products.accountId, scope.accountId), eq(products.mode, scope.mode), eq(products.id, productId)))
    .returning();
  return { before, after: row! };
}
