import type PgBoss from 'pg-boss';
import type { AppContext } from '../platform/http/types.js';
import { startCronJob } from '../platform/jobs/cron-job.js';
import { queues } from '../platform/jobs/queues.js';
import { reconcile } from './reconcile.js';
import type { ReconcileOptions } from './reconcile-run.js';

/** Every 5 minutes (UTC). */
export const reconcileCron = '*/5 * * * *';

export interface Reconciliation {
  stop(): Promise<void>;
}

/** Schedules payments reconciliation and works its queue in this process (`serve` and `worker`). */
export async function startReconciliation(ctx: AppContext, boss: PgBoss, options: { cron?: string; log?: ReconcileOptions['log'] & { error(obj: object, msg: string): void } } = {}): Promise<Reconciliation> {
  const run = async () => {
    const report = await reconcile(ctx, { log: options.log });
    options.log?.info({ report }, 'payments reconciled with their providers');
  };
  return startCronJob(boss, queues.paymentsReconcile.name, options.cron ?? reconcileCron, run, { log: options.log, message: 'payments reconciliation failed; the next run tries again' });
}
