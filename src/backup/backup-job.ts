import type PgBoss from 'pg-boss';
import type { FastifyBaseLogger } from 'fastify';
import { Counter, Gauge } from 'prom-client';
import { defineMetric } from '../monitor/metrics.js';
import type { AppContext } from '../platform/http/types.js';
import { startCronJob } from '../platform/jobs/cron-job.js';
import { queues } from '../platform/jobs/queues.js';
import { listBackups, pruneBackups } from './backup-names.js';
import { createBackup, type BackupResult } from './create-backup.js';

type BackupContext = Pick<AppContext, 'config' | 'database' | 'secretBox'>;

/** A backup of this deployment's database into BACKUP_DIR, then retention (BACKUP_RETENTION_DAYS). */
export async function backupNow(ctx: BackupContext, now = new Date()): Promise<BackupResult & { pruned: string[] }> {
  const result = await createBackup(
    { database: ctx.database, databaseUrl: ctx.config.databaseUrl, backupDir: ctx.config.backupDir, keys: ctx.secretBox.keys, pgBinDir: ctx.config.pgBinDir },
    now,
  );
  return { ...result, pruned: pruneBackups(ctx.config.backupDir, ctx.config.backupRetentionDays, now) };
}

/**
 * Backup metrics: runs of this instance by result, and the newest backup in this instance's
 * BACKUP_DIR (an alert on its age catches a schedule that stopped, wherever it stopped).
 */
export function backupMetrics(ctx: BackupContext) {
  defineMetric(
    ctx,
    'onepagepay_backup_last_success_timestamp_seconds',
    (registry) =>
      new Gauge({
        name: 'onepagepay_backup_last_success_timestamp_seconds',
        help: 'When the newest backup in BACKUP_DIR was taken (Unix seconds); absent when there is none.',
        registers: [registry],
        collect() {
          this.reset();
          const newest = listBackups(ctx.config.backupDir)[0];
          if (newest) this.set(newest.createdAt.getTime() / 1000);
        },
      }),
  );
  return defineMetric(
    ctx,
    'onepagepay_backups_total',
    (registry) => new Counter({ name: 'onepagepay_backups_total', help: 'Scheduled backups this instance ran, by result (succeeded, failed).', labelNames: ['result'], registers: [registry] }),
  );
}

/**
 * Schedules the daily backup (BACKUP_SCHEDULE) and works its queue in this process; `off` does
 * neither here. pg-boss starts one run per tick across instances, one at a time; a failure is
 * logged, counted, reported (startCronJob) and retried by the queue's policy (src/platform/jobs/queues.ts).
 */
export async function startScheduledBackups(ctx: BackupContext, boss: PgBoss, log?: FastifyBaseLogger) {
  if (ctx.config.backupSchedule === 'off') return { stop: async () => {} };
  const runs = backupMetrics(ctx);
  const run = async () => {
    try {
      const { file, size, pruned } = await backupNow(ctx);
      runs.inc({ result: 'succeeded' });
      log?.info({ file, size, pruned: pruned.length }, 'backup written');
    } catch (err) {
      runs.inc({ result: 'failed' });
      throw err;
    }
  };
  return startCronJob(boss, queues.backup.name, ctx.config.backupSchedule, run, { log, message: 'backup failed; it is retried in 10 minutes (twice)' });
}
