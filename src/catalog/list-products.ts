import { and, desc, eq } from 'drizzle-orm';
import { products } from '../platform/db/schema.js';
import type { Tx } from '../platform/db/tenant.js';
import { afterCursor, defaultPageSize, toPage } from './pagination.js';
import type { Scope } from './scope.js';
import { serializeProduct } from './serialize.js';

export interface ListProductsQuery {
  limit?: number;
  cursor?: string;
  archived?: boolean;
}

/** A page of the account's products in this mode, newest first. */
export async function listProducts(tx: Tx, scope: Scope, query: ListProductsQuery) {
  const limit = query.limit ?? defaultPageSize;
  const rows = await tx
    .select()
    .from(products)
    .where(
      and(
        eq(products.accountId, scope.accountId),
        eq(products.mode, scope.mode),
        query.archived === undefined ? undefined : eq(products.archived, query.archived),
        afterCursor(products, scope.accountId, query.cursor),
      ),
    )
    .orderBy(desc(products.createdAt), desc(products.id))
    .limit(limit + 1);
  return toPage(rows, limit, serializeProduct);
}
