import type PgBoss from 'pg-boss';

/**
 * The queues this app uses, with their retry policy. They are created (or updated) by `migrate`,
 * so a job can be enqueued in any migrated database, whether or not a worker runs.
 * Dead-letter queues are listed before the queues that use them.
 */
export const queues = {
  /** Sync jobs pg-boss gave up on (a worker crashed or threw for 75 h): the sync records them as failed. */
  hubspotSyncDead: { name: 'hubspot-sync-dead', options: { retryLimit: 3, retryDelay: 60, retentionMinutes: 60 * 24 * 30 } },
  /**
   * A transaction's state changed (succeeded, failed, refunded): push it to HubSpot. HubSpot failures
   * are retried by the sync itself (a new job per attempt: exponential backoff capped at 5 minutes,
   * SYNC_RETRY_HOURS long, then a dead letter in hubspot_syncs; see src/sync/retry-schedule.ts).
   * pg-boss's own retries only catch a worker that died (the job expires) or threw: a worker has a
   * job for at most 2 minutes (the sync stops calling HubSpot before then, src/sync/sync-worker.ts),
   * so a job held by an instance that was killed is expired within 30 s of that (maintenance,
   * src/platform/jobs/boss.ts) and runs again 30 s later: at most 3 minutes after it was taken.
   * Then every 30 s for 75 h. Jobs wait at most 14 days for a worker.
   */
  hubspotSync: {
    name: 'hubspot-sync',
    options: { retryLimit: 9000, retryDelay: 30, retryBackoff: false, expireInSeconds: 120, retentionMinutes: 60 * 24 * 14, deadLetter: 'hubspot-sync-dead' },
  },
  /**
   * One email to send (src/email/send-email-job.ts): queued with the change that calls for it, in the
   * same database transaction. A failed send is retried 8 times with growing delays (about 4 h in all),
   * then the email is marked failed.
   */
  email: { name: 'email', options: { retryLimit: 8, retryDelay: 30, retryBackoff: true, expireInSeconds: 120, retentionMinutes: 60 * 24 * 7 } },
  /**
   * Payments reconciliation with Stripe, started by cron every 5 minutes (src/payments/reconcile-job.ts).
   * `stately`: one run at a time and at most one waiting; a failed run is not retried (the next one comes).
   */
  paymentsReconcile: { name: 'payments-reconcile', options: { policy: 'stately', retryLimit: 0, expireInSeconds: 30 * 60, retentionMinutes: 60 * 24 } },
  /** The hourly transaction totals folded, by cron every minute (src/payments/compact-transaction-totals.ts). Same policy as reconciliation. */
  transactionTotals: { name: 'transaction-totals', options: { policy: 'stately', retryLimit: 0, expireInSeconds: 15 * 60, retentionMinutes: 60 } },
  /** Expired sessions and spent limit counters deleted, by cron every hour (src/commands/housekeeping.ts). Same policy as reconciliation. */
  housekeeping: { name: 'housekeeping', options: { policy: 'stately', retryLimit: 0, expireInSeconds: 30 * 60, retentionMinutes: 60 * 24 } },
  /** Members' daily summaries and sync failure alerts, by cron every 5 minutes (src/notifications/). Same policy as reconciliation. */
  merchantNotifications: { name: 'merchant-notifications', options: { policy: 'stately', retryLimit: 0, expireInSeconds: 15 * 60, retentionMinutes: 60 * 24 } },
  /**
   * The scheduled backup (src/backup/backup-job.ts), by cron (BACKUP_SCHEDULE, daily by default).
   * One at a time; a failed backup is retried twice, 10 minutes apart.
   */
  backup: { name: 'backup', options: { policy: 'stately', retryLimit: 2, retryDelay: 600, expireInSeconds: 4 * 3600, retentionMinutes: 60 * 24 * 30 } },
} satisfies Record<string, { name: string; options: Omit<PgBoss.Queue, 'name'> }>;

export type QueueName = (typeof queues)[keyof typeof queues]['name'];
