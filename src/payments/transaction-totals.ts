import { inArray, sql } from 'drizzle-orm';
import type { Scope } from '../platform/tenancy/scope.js';
import { transactions } from '../platform/db/schema.js';
import type { Tx } from '../platform/db/tenant.js';
import { transactionConditions, type TransactionFilters } from './transaction-filters.js';

/** Statuses of payments that went through: their money counts in totals, whatever was refunded since. */
export const paidStatuses = ['succeeded', 'partially_refunded', 'refunded'] as const;
const paid = inArray(transactions.status, [...paidStatuses]);

export interface CurrencyTotals {
  currency: string;
  count: number;
  paidCount: number;
  amount: number;
  refunded: number;
  net: number;
}

/** The aggregate columns of one currency's totals (for a query grouped by currency, and maybe more). */
export const totalsColumns = {
  currency: transactions.currency,
  count: sql<number>`count(*)::int`,
  paidCount: sql<number>`(count(*) filter (where ${paid}))::int`,
  amount: sql<number | bigint | string>`coalesce(sum(${transactions.amount}) filter (where ${paid}), 0)::bigint`,
  refunded: sql<number | bigint | string>`coalesce(sum(${transactions.amountRefunded}) filter (where ${paid}), 0)::bigint`,
};

/** A row of `totalsColumns` as totals (sums arrive as bigint, or text on some drivers). */
export function toCurrencyTotals(row: { currency: string; count: number; paidCount: number; amount: number | bigint | string; refunded: number | bigint | string }): CurrencyTotals {
  const amount = Number(row.amount);
  const refunded = Number(row.refunded);
  return { currency: row.currency, count: row.count, paidCount: row.paidCount, amount, refunded, net: amount - refunded };
}

/**
 * Totals of the whole filtered set (not just one page): how many transactions, and per currency
 * what was paid, refunded and kept. Amounts count only payments that went through.
 */
export async function transactionTotals(tx: Tx, scope: Scope, filters: TransactionFilters) {
  const rows = await tx.select(totalsColumns).from(transactions).where(transactionConditions(scope, filters)).groupBy(transactions.currency).orderBy(transactions.currency);
  const currencies = rows.map(toCurrencyTotals);
  return { count: currencies.reduce((sum, c) => sum + c.count, 0), currencies };
}
