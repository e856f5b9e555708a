import type PgBoss from 'pg-boss';
import type { FastifyBaseLogger } from 'fastify';
import { eq } from 'drizzle-orm';
import { accounts } from '../platform/db/schema.js';
import { withTenant } from '../platform/db/tenant.js';
import type { AppContext } from '../platform/http/types.js';
import { startCronJob } from '../platform/jobs/cron-job.js';
import { queues } from '../platform/jobs/queues.js';
import { mailerOf } from '../platform/mail/mailer.js';
import { renderDailySummary, summarizeDay } from './daily-summary.js';
import { recipientsOf, sendOnce } from './send-once.js';
import { newSyncFailures, renderSyncAlert } from './sync-failure-alert.js';

/** Every 5 minutes (UTC): alerts go out within minutes of syncs failing. */
export const merchantNotificationsCron = '*/5 * * * *';
/** The day before is summed up once this hour (UTC) has come. */
export const summaryHourUtc = 6;

export interface NotificationsReport {
  summaries: number;
  alerts: number;
}

/**
 * Sends what members chose to get (src/accounts/routes/me-notifications.ts): yesterday's summary
 * (UTC) once it is past `summaryHourUtc`, to accounts where anything happened; and an alert when
 * payments newly fail to sync to HubSpot. Each message goes out once per member (send-once.ts),
 * whichever instance runs this and however often. Nothing when email is off.
 */
export async function sendMerchantNotifications(ctx: Pick<AppContext, 'database' | 'config' | 'sandboxUrls'>, now = new Date()): Promise<NotificationsReport> {
  const report: NotificationsReport = { summaries: 0, alerts: 0 };
  const mailer = mailerOf(ctx);
  if (!mailer) return report;
  // Across accounts (the job's own connection): which have a member who chose anything.
  const { rows } = await ctx.database.query<{ account_id: string; summary: boolean; alerts: boolean }>(
    `SELECT account_id, bool_or(notify_daily_summary) AS summary, bool_or(notify_sync_failures) AS alerts
       FROM memberships WHERE notify_daily_summary OR notify_sync_failures GROUP BY account_id ORDER BY account_id`,
  );
  const dashboardUrl = ctx.config.publicUrl.replace(/\/$/, '');
  const yesterday = new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10);
  const summaryDue = now.getUTCHours() >= summaryHourUtc;
  for (const row of rows) {
    const accountId = row.account_id;
    const [account] = await withTenant(ctx.database, accountId, (tx) => tx.select({ name: accounts.name }).from(accounts).where(eq(accounts.id, accountId)));
    const accountName = account?.name ?? 'Your account';
    if (row.summary && summaryDue) {
      const days = await summarizeDay(ctx, accountId, yesterday);
      if (days.length > 0) {
        const message = renderDailySummary({ accountName, day: yesterday, days, dashboardUrl });
        report.summaries += await sendOnce(ctx, mailer, { accountId, kind: 'daily_summary', ref: yesterday, recipients: await recipientsOf(ctx, accountId, 'daily_summary'), message });
      }
    }
    if (row.alerts) {
      const failures = await newSyncFailures(ctx, accountId, now);
      if (failures) {
        const message = renderSyncAlert({ accountName, failures, dashboardUrl });
        report.alerts += await sendOnce(ctx, mailer, { accountId, kind: 'sync_failures', ref: failures.newest.toISOString(), recipients: await recipientsOf(ctx, accountId, 'sync_failures'), message });
      }
    }
  }
  return report;
}

/** Schedules the notifications and works their queue in this process (`serve` and `worker`). */
export function startMerchantNotifications(ctx: AppContext, boss: PgBoss, log?: FastifyBaseLogger) {
  return startCronJob(boss, queues.merchantNotifications.name, merchantNotificationsCron, () => sendMerchantNotifications(ctx), { log, message: 'merchant notifications failed; the next run in 5 minutes tries again' });
}
