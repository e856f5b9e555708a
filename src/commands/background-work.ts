import type PgBoss from 'pg-boss';
import type { FastifyBaseLogger } from 'fastify';
import { startScheduledBackups } from '../backup/backup-job.js';
import { startEmailWorker } from '../email/send-email-job.js';
import { startProviderMonitor } from '../monitor/provider-monitor.js';
import { startMerchantNotifications } from '../notifications/merchant-notifications-job.js';
import { startTotalsCompaction } from '../payments/compact-transaction-totals.js';
import { startReconciliation } from '../payments/reconcile-job.js';
import type { AppContext } from '../platform/http/types.js';
import { startSyncWorker } from '../sync/sync-worker.js';
import { startHousekeeping } from './housekeeping.js';

/**
 * The work `serve` and `worker` both run besides requests. Every instance runs all of it: provider
 * check results are shared through the database (each check runs once), sync jobs are handed out
 * by pg-boss with HubSpot's rate limit shared in Postgres, reconciliation runs every 5 minutes, the
 * transaction totals are compacted every minute and housekeeping runs every hour, by pg-boss cron,
 * one run at a time across instances. The daily backup (BACKUP_SCHEDULE) runs where it is not `off`.
 * Queued emails (receipts) are sent by whichever instance takes their job; members' daily summaries
 * and sync failure alerts by cron every 5 minutes (src/notifications/).
 */
export async function startBackgroundWork(ctx: AppContext, boss: PgBoss, log: FastifyBaseLogger) {
  const monitor = startProviderMonitor(ctx, { intervalMs: ctx.config.monitorIntervalSeconds * 1000, log });
  const sync = startSyncWorker(ctx, boss, { log });
  const reconciliation = await startReconciliation(ctx, boss, { log });
  const housekeeping = await startHousekeeping(ctx, boss, log);
  const compaction = await startTotalsCompaction(ctx, boss, log);
  const backups = await startScheduledBackups(ctx, boss, log);
  const email = await startEmailWorker(ctx, boss, log);
  const notifications = await startMerchantNotifications(ctx, boss, log);
  return {
    async stop() {
      await sync.stop();
      await email.stop();
      await notifications.stop();
      await reconciliation.stop();
      await housekeeping.stop();
      await compaction.stop();
      await backups.stop();
      await monitor.stop();
    },
  };
}
