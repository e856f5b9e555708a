import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Scope } from '../platform/tenancy/scope.js';
import { transactions, transactionTotals } from '../platform/db/schema.js';
import { rowsOf } from '../platform/db/result-rows.js';
import type { Tx } from '../platform/db/tenant.js';
import { countedConditions, transactionConditions, type TransactionFilters } from './transaction-filters.js';
import type { SummaryInterval } from './schemas.js';

/** Statuses of payments that went through: their money counts in totals, whatever was refunded since. */
export const paidStatuses = ['succeeded', 'partially_refunded', 'refunded'] as const;

export interface CurrencyTotals {
  currency: string;
  count: number;
  paidCount: number;
  amount: number;
  refunded: number;
  net: number;
}

/** Totals of one currency in one bucket (`start` is '' when the totals are not bucketed). */
export interface BucketTotals extends CurrencyTotals {
  start: string;
}

/** Buckets of a revenue series: the day, ISO week or month of creation in a time zone. */
export interface Buckets {
  interval: SummaryInterval;
  timeZone: string;
  /** Every bucket starts on a whole hour (UTC): the hourly totals can fill them. */
  startOnWholeHours: boolean;
}

const hour = 3600_000;
const ceilHour = (d: Date) => new Date(Math.ceil(d.getTime() / hour) * hour);
const floorHour = (d: Date) => new Date(Math.floor(d.getTime() / hour) * hour);

/**
 * The key of `transaction_totals` that counts the filtered transactions, or null when only the
 * transactions themselves can (a buyer, an amount range, a product and a price together).
 */
function hourlyKey(filters: TransactionFilters): { dimension: 'all' | 'product' | 'price'; key: string } | null {
  if (filters.contactId !== undefined || filters.email !== undefined || filters.minAmount !== undefined || filters.maxAmount !== undefined || filters.dispute !== undefined) return null;
  if (filters.productId !== undefined && filters.priceId !== undefined) return null;
  if (filters.productId !== undefined) return { dimension: 'product', key: filters.productId };
  if (filters.priceId !== undefined) return { dimension: 'price', key: filters.priceId };
  return { dimension: 'all', key: '' };
}

type Row = { start: string | null; currency: string; count: number | string; paid_count: number | string; amount: number | bigint | string; refunded: number | bigint | string };

const bucketOf = (column: SQL, buckets?: Buckets) => (buckets ? sql`date_trunc(${buckets.interval}, ${column} at time zone ${buckets.timeZone})` : sql`null::timestamp`);

/** The grouped rows, their bucket formatted once per group rather than once per row. */
const formatted = (grouped: SQL) =>
  sql`select to_char(b, 'YYYY-MM-DD') as start, currency, count, paid_count, amount, refunded from (${grouped}) grouped`;

/** Totals read off the transactions themselves. */
async function fromTransactions(tx: Tx, scope: Scope, filters: TransactionFilters, buckets?: Buckets): Promise<Row[]> {
  const paid = inArray(transactions.status, [...paidStatuses]);
  return rowsOf<Row>(
    await tx.execute(
      formatted(sql`
        select ${bucketOf(sql`${transactions.createdAt}`, buckets)} as b, ${transactions.currency} as currency,
               count(*) as count, count(*) filter (where ${paid}) as paid_count,
               coalesce(sum(${transactions.amount}) filter (where ${paid}), 0) as amount,
               coalesce(sum(${transactions.amountRefunded}) filter (where ${paid}), 0) as refunded
          from ${transactions} where ${transactionConditions(scope, filters)} group by 1, 2`),
    ),
  );
}

/** Totals read off the hourly totals, for whole hours from `from` to `to`. */
async function fromHourlyTotals(tx: Tx, scope: Scope, filters: TransactionFilters, key: { dimension: 'all' | 'product' | 'price'; key: string }, buckets?: Buckets): Promise<Row[]> {
  const t = transactionTotals;
  const paid = inArray(t.status, [...paidStatuses]);
  const where = and(...countedConditions({ ...t, time: t.hour }, scope, filters), eq(t.dimension, key.dimension), eq(t.key, key.key));
  return rowsOf<Row>(
    await tx.execute(
      formatted(sql`
        select ${bucketOf(sql`${t.hour}`, buckets)} as b, ${t.currency} as currency,
               sum(${t.count}) as count, coalesce(sum(${t.count}) filter (where ${paid}), 0) as paid_count,
               coalesce(sum(${t.amount}) filter (where ${paid}), 0) as amount,
               coalesce(sum(${t.amountRefunded}) filter (where ${paid}), 0) as refunded
          from ${t} where ${where} group by 1, 2 having sum(${t.count}) <> 0`),
    ),
  );
}

/**
 * Totals of the filtered transactions per currency (and per bucket, given buckets): how many, and
 * what was paid, refunded and kept; amounts count only payments that went through.
 * Whole hours come from the hourly totals (migrations/0011_transaction_totals.sql) when the filters
 * allow it and every bucket starts on a whole hour; the partial hours at either end of the range,
 * and every other query, read the transactions. Both give the same figures (test/payments/totals.test.ts).
 */
export async function totalsBy(tx: Tx, scope: Scope, filters: TransactionFilters, buckets?: Buckets): Promise<BucketTotals[]> {
  const key = buckets && !buckets.startOnWholeHours ? null : hourlyKey(filters);
  const from = filters.from && ceilHour(filters.from);
  const to = filters.to && floorHour(filters.to);
  let rows: Row[];
  if (!key || (from && to && from >= to)) {
    rows = await fromTransactions(tx, scope, filters, buckets);
  } else {
    rows = await fromHourlyTotals(tx, scope, { ...filters, from, to }, key, buckets);
    if (filters.from && from! > filters.from) rows.push(...(await fromTransactions(tx, scope, { ...filters, to: from }, buckets)));
    if (filters.to && to! < filters.to) rows.push(...(await fromTransactions(tx, scope, { ...filters, from: to }, buckets)));
  }
  const merged = new Map<string, BucketTotals>();
  for (const row of rows) {
    const start = row.start ?? '';
    const id = `${start} ${row.currency}`;
    const sum = merged.get(id) ?? { start, currency: row.currency, count: 0, paidCount: 0, amount: 0, refunded: 0, net: 0 };
    sum.count += Number(row.count);
    sum.paidCount += Number(row.paid_count);
    sum.amount += Number(row.amount);
    sum.refunded += Number(row.refunded);
    sum.net = sum.amount - sum.refunded;
    merged.set(id, sum);
  }
  return [...merged.values()];
}
