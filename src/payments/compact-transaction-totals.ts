import type PgBoss from 'pg-boss';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../platform/db/connect.js';
import type { AppContext } from '../platform/http/types.js';
import { startCronJob } from '../platform/jobs/cron-job.js';
import { queues } from '../platform/jobs/queues.js';

/** Every minute: reads sum the rows a minute of payments appended until then. */
export const compactionCron = '* * * * *';

const keyColumns = 'account_id, mode, hour, dimension, key, currency, status, provider, form_id';

/**
 * Folds the change rows of `transaction_totals` (migrations/0011_transaction_totals.sql) into one
 * row per key, for every key that has new rows, in one statement: a read sees the rows before or
 * after it, never half. Rows appended while it runs are not in its snapshot and wait for the next
 * run; a row another run folded first is skipped by this one's delete, so nothing counts twice.
 * One run at a time does the work (a transaction-scoped advisory lock); another finds nothing.
 * Keys whose changes cancel out (a payment created and then failed in the same hour, under
 * `pending`) leave no row. Runs as the owner of the tables. Returns how many rows were folded.
 */
export async function compactTransactionTotals(database: Database): Promise<number> {
  const { rows } = await database.query<{ moved: number }>(
    `WITH run AS (
       SELECT pg_try_advisory_xact_lock(hashtext('transaction_totals_compaction')) AS alone
     ), fresh AS (
       SELECT DISTINCT ${keyColumns} FROM transaction_totals, run WHERE run.alone AND NOT compacted
     ), moved AS (
       DELETE FROM transaction_totals t USING fresh f
        WHERE (t.account_id, t.mode, t.hour, t.dimension, t.key, t.currency, t.status, t.provider, t.form_id)
            = (f.account_id, f.mode, f.hour, f.dimension, f.key, f.currency, f.status, f.provider, f.form_id)
       RETURNING t.*
     ), folded AS (
       INSERT INTO transaction_totals (${keyColumns}, count, amount, amount_refunded, compacted)
       SELECT ${keyColumns}, sum(count), sum(amount), sum(amount_refunded), true
         FROM moved GROUP BY ${keyColumns}
       HAVING sum(count) <> 0 OR sum(amount) <> 0 OR sum(amount_refunded) <> 0
     )
     SELECT count(*)::int AS moved FROM moved`,
    [],
  );
  return rows[0]!.moved;
}

/** Schedules the compaction and works its queue in this process (`serve` and `worker`). */
export function startTotalsCompaction(ctx: AppContext, boss: PgBoss, log?: FastifyBaseLogger) {
  const compact = async () => {
    const folded = await compactTransactionTotals(ctx.database);
    if (folded > 0) log?.debug({ folded }, 'transaction totals compacted');
  };
  return startCronJob(boss, queues.transactionTotals.name, compactionCron, compact, {
    log,
    message: 'compacting the transaction totals failed; the next run tries again (reads stay right, only slower)',
  });
}
