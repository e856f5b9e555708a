import { eq } from 'drizzle-orm';
import { products } from '../platform/db/schema.js';
import type { Tx } from '../platform/db/tenant.js';
import { listPage } from '../platform/tenancy/pagination.js';
import type { Scope } from '../platform/tenancy/scope.js';
import { serializeProduct } from './serialize.js';

export interface ListProductsQuery {
  limit?: number;
  cursor?: string;
  archived?: boolean;
}

/** A page of the account's products in this mode, newest first. */
export async function listProducts(tx: Tx, scope: Scope, query: ListProductsQuery) {
  const { rows, nextCursor } = await listPage(tx, products, scope, query, [query.archived === undefined ? undefined : eq(products.archived, query.archived)]);
  return { data: rows.map(serializeProduct), nextCursor };
}
