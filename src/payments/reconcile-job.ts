import type PgBoss from 'pg-boss';
import type { AppContext } from '../platform/http/types.js';
import { queues } from '../platform/jobs/queues.js';
import { reconcile } from './reconcile.js';
import type { ReconcileOptions } from './reconcile-run.js';

/** Every 5 minutes (UTC); pg-boss's cron starts one job per tick however many processes schedule it. */
export const reconcileCron = '*/5 * * * *';

export interface Reconciliation {
  stop(): Promise<void>;
}

/**
 * Schedules payments reconciliation and works its queue in this process (`serve` and `worker`):
 * every instance may run this, pg-boss hands each run to one of them, and the queue's `stately`
 * policy keeps runs from overlapping or piling up.
 */
export async function startReconciliation(ctx: AppContext, boss: PgBoss, options: { cron?: string; log?: ReconcileOptions['log'] & { error(obj: object, msg: string): void } } = {}): Promise<Reconciliation> {
  const name = queues.paymentsReconcile.name;
  await boss.schedule(name, options.cron ?? reconcileCron, {}, { tz: 'UTC' });
  const id = await boss.work(name, { batchSize: 1, pollingIntervalSeconds: 5 }, async () => {
    try {
      const report = await reconcile(ctx, { log: options.log });
      options.log?.info({ report }, 'payments reconciled with Stripe');
    } catch (err) {
      options.log?.error({ err }, 'payments reconciliation failed; the next run tries again');
      throw err;
    }
  });
  return { stop: () => boss.offWork({ id }) };
}
