import type { Scope } from '../platform/tenancy/scope.js';
import type { Tx } from '../platform/db/tenant.js';
import type { TransactionFilters } from './transaction-filters.js';
import { totalsBy } from './totals-query.js';

/**
 * Totals of the whole filtered set (not just one page): how many transactions, and per currency
 * what was paid, refunded and kept. Amounts count only payments that went through.
 */
export async function transactionTotals(tx: Tx, scope: Scope, filters: TransactionFilters) {
  const currencies = (await totalsBy(tx, scope, filters)).map(({ start: _, ...totals }) => totals).sort((a, b) => a.currency.localeCompare(b.currency));
  return { count: currencies.reduce((sum, c) => sum + c.count, 0), currencies };
}
