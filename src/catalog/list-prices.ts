import { eq } from 'drizzle-orm';
import { prices } from '../platform/db/schema.js';
import type { Tx } from '../platform/db/tenant.js';
import { normalizeCurrency } from '../platform/money/currencies.js';
import { listPage } from '../platform/tenancy/pagination.js';
import type { Scope } from '../platform/tenancy/scope.js';
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
  const { rows, nextCursor } = await listPage(tx, prices, scope, query, [
    query.archived === undefined ? undefined : eq(prices.archived, query.archived),
    query.productId ? eq(prices.productId, query.productId) : undefined,
    query.currency ? eq(prices.currency, normalizeCurrency(query.currency)) : undefined,
  ]);
  return { data: rows.map(serializePrice), nextCursor };
}
