import PgBoss from 'pg-boss';
import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../db/tenant.js';
import { jobsSchema } from './install-jobs.js';
import type { QueueName } from './queues.js';

/** Only builds pg-boss's insert statement; every call passes the transaction to run it in. */
const sender = new PgBoss({
  schema: jobsSchema,
  db: {
    executeSql: () => {
      throw new Error('enqueue() runs its SQL in the caller transaction');
    },
  },
});

/** pg-boss's `$1…$n` statement as a Drizzle query, so it runs inside a Drizzle transaction. */
function bind(text: string, values: unknown[] = []): SQL {
  const parts = text.split(/\$(\d+)/);
  const chunks: SQL[] = [];
  parts.forEach((part, i) => chunks.push(i % 2 === 0 ? sql.raw(part) : sql`${values[Number(part) - 1] ?? null}`));
  return sql.join(chunks);
}

/**
 * Enqueues a job in the caller's transaction: it exists exactly when the change that caused it
 * commits (no lost job after a crash, no job for a rolled-back change).
 */
export async function enqueue(tx: Tx, queue: QueueName, data: object, options: Omit<PgBoss.SendOptions, 'db'> = {}): Promise<string | null> {
  const db = {
    async executeSql(text: string, values?: unknown[]) {
      const result = await tx.execute(bind(text, values));
      return { rows: ((result as { rows?: unknown[] }).rows ?? (result as unknown as unknown[])) as Record<string, unknown>[] };
    },
  };
  return sender.send(queue, data, { ...options, db });
}
