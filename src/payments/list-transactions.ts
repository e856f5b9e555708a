import { defaultPageSize } from '../platform/tenancy/page-schema.js';
import { toPage } from '../platform/tenancy/pagination.js';
import type { Scope } from '../platform/tenancy/scope.js';
import type { Tx } from '../platform/db/tenant.js';
import { readTransactions } from './read-transactions.js';
import { serializeTransaction } from './serialize.js';
import type { TransactionFilters } from './transaction-filters.js';
import { transactionTotals } from './transaction-totals.js';

/** A page of the filtered transactions, newest first, with their items and contact, and the totals of the whole filtered set. */
export async function listTransactions(tx: Tx, scope: Scope, filters: TransactionFilters, page: { limit?: number; cursor?: string }) {
  const limit = page.limit ?? defaultPageSize;
  const rows = await readTransactions(tx, scope, filters, { limit: limit + 1, cursor: page.cursor });
  const result = toPage(
    rows.map((r) => ({ ...r, id: r.transaction.id })),
    limit,
    (r) => serializeTransaction(r.transaction, r.contact, r.items),
  );
  return { ...result, totals: await transactionTotals(tx, scope, filters) };
}
