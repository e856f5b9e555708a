import { sql } from 'drizzle-orm';
import type { Scope } from '../platform/tenancy/scope.js';
import { rowsOf } from '../platform/db/result-rows.js';
import type { Tx } from '../platform/db/tenant.js';
import { AppError } from '../platform/http/errors.js';
import type { TransactionFilters } from './transaction-filters.js';
import { totalsBy, type CurrencyTotals } from './totals-query.js';
import type { SummaryInterval } from './schemas.js';

const day = 24 * 3600 * 1000;
/** The range shown when the request gives no `from`: 30 days, 12 weeks or 12 months back. */
const defaultSpan: Record<SummaryInterval, number> = { day: 30 * day, week: 12 * 7 * day, month: 365 * day };
const shortest: Record<SummaryInterval, number> = { day, week: 7 * day, month: 28 * day };
export const maxBuckets = 400;

const emptyTotals = (currency: string): CurrencyTotals => ({ currency, count: 0, paidCount: 0, amount: 0, refunded: 0, net: 0 });

/**
 * Revenue over time for the dashboard's chart: the filtered transactions grouped by day, week
 * (ISO weeks, from Monday) or month of their creation in the request's time zone, per currency,
 * with the same figures as the list's totals. Every bucket of the range is present (zeros
 * included) and lists every currency of the range, so a chart needs no gap filling.
 */
export async function revenueSummary(tx: Tx, scope: Scope, filters: TransactionFilters, interval: SummaryInterval) {
  const timeZone = filters.timeZone ?? 'UTC';
  const to = filters.to ?? new Date();
  const from = filters.from ?? new Date(to.getTime() - defaultSpan[interval]);
  if (from >= to) throw new AppError('validation_failed', 'from must be before to.');
  if ((to.getTime() - from.getTime()) / shortest[interval] > maxBuckets) {
    throw new AppError('validation_failed', `That range has more than ${maxBuckets} ${interval}s: choose a longer interval or a shorter range.`);
  }

  const bucketRows = await tx.execute(
    sql`select to_char(b, 'YYYY-MM-DD') as start, extract(epoch from b at time zone ${timeZone})::bigint % 3600 = 0 as whole_hour
          from generate_series(
            date_trunc(${interval}, ${from.toISOString()}::timestamptz at time zone ${timeZone}),
            (${to.toISOString()}::timestamptz - interval '1 microsecond') at time zone ${timeZone},
            ${`1 ${interval}`}::interval) as b`,
  );
  const bucketList = rowsOf<{ start: string; whole_hour: boolean }>(bucketRows);
  const starts = bucketList.map((r) => r.start);
  const rows = await totalsBy(tx, scope, { ...filters, from, to }, { interval, timeZone, startOnWholeHours: bucketList.every((r) => r.whole_hour) });

  const currencies = [...new Set(rows.map((r) => r.currency))].sort();
  const byBucket = new Map(starts.map((start) => [start, new Map(currencies.map((c) => [c, emptyTotals(c)]))]));
  for (const { start, ...totals } of rows) byBucket.get(start)?.set(totals.currency, totals);
  return {
    interval,
    timezone: timeZone,
    from: from.toISOString(),
    to: to.toISOString(),
    currencies,
    buckets: starts.map((start) => ({ start, currencies: [...byBucket.get(start)!.values()] })),
  };
}
