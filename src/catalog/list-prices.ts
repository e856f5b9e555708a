import { and, desc, eq } from 'drizzle-orm';
import { prices } from '../platform/db/schema.js';
import type { Tx } from '../platform/db/tenant.js';
import { normalizeCurrency } from './currencies.js';
import { afterCursor, defaultPageSize, toPage } from './pagination.js';
import type { Scope } from './scope.js';
import { serializePrice } from './serialize.js';

export interface ListPricesQuery {
  limit?: number;
  cursor?: string;
  archived?: boolean;
  productId?: string;
  currency?: string;
}

/** A page of the account's prices in this mode, newest first, optionally of one product or currency. */
export async function listPrices(tx: Tx, scope: Scope, query: ListPricesQuery) {
  const limit = query.limit ?? defaultPageSize;
  const rows = await tx
    .select()
    .from(prices)
    .where(
      and(
        eq(prices.accountId, scope.accountId),
        eq(prices.mode, scope.mode),
        query.archived === undefined ? undefined : eq(prices.archived, query.archived),
        query.productId ? eq(prices.productId, query.productId) : undefined,
        query.currency ? eq(prices.currency, normalizeCurrency(query.currency)) : undefined,
        afterCursor(prices, scope.accountId, query.cursor),
      ),
    )
    .orderBy(desc(prices.createdAt), desc(prices.id))
    .limit(limit + 1);
  return toPage(rows, limit, serializePrice);
}
