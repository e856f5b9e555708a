import type PgBoss from 'pg-boss';
import type { FastifyBaseLogger } from 'fastify';
import { deleteSpentLoginThrottles } from '../accounts/login-throttle.js';
import { deleteExpiredSessions } from '../accounts/sessions.js';
import { deleteSpentPasswordResets } from '../accounts/password-reset.js';
import { checkoutLimitsOf, deleteSpentCheckoutThrottles } from '../payments/checkout-throttle.js';
import type { AppContext } from '../platform/http/types.js';
import { startCronJob } from '../platform/jobs/cron-job.js';
import { queues } from '../platform/jobs/queues.js';

/** Every hour at minute 17 (UTC). */
export const housekeepingCron = '17 * * * *';

/**
 * Deletes rows that no longer mean anything: expired sessions (they are refused anyway; deleting
 * them also drops their OAuth states), password reset links expired over a day ago, and sign-in and checkout limit counters whose window ended
 * without a lock or block still running. Nothing a merchant or a buyer can see is touched.
 */
export async function housekeeping(ctx: Pick<AppContext, 'database' | 'config'>) {
  await deleteExpiredSessions(ctx.database);
  await deleteSpentLoginThrottles(ctx.database);
  await deleteSpentPasswordResets(ctx.database);
  await deleteSpentCheckoutThrottles(ctx.database, checkoutLimitsOf(ctx.config));
}

/** Schedules housekeeping and works its queue in this process (`serve` and `worker`). */
export function startHousekeeping(ctx: AppContext, boss: PgBoss, log?: FastifyBaseLogger) {
  return startCronJob(boss, queues.housekeeping.name, housekeepingCron, () => housekeeping(ctx), { log, message: 'housekeeping failed; the next hourly run tries again' });
}
