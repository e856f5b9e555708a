import type PgBoss from 'pg-boss';
import type { FastifyBaseLogger } from 'fastify';
import { deleteSpentLoginThrottles } from '../accounts/login-throttle.js';
import { deleteExpiredSessions } from '../accounts/sessions.js';
import { deleteSpentCheckoutThrottles } from '../checkout/checkout-throttle.js';
import type { AppContext } from '../platform/http/types.js';
import { queues } from '../platform/jobs/queues.js';

/** Every hour at minute 17 (UTC); pg-boss's cron starts one job per tick however many processes schedule it. */
export const housekeepingCron = '17 * * * *';

/**
 * Deletes rows that no longer mean anything: expired sessions (they are refused anyway; deleting
 * them also drops their OAuth states), and sign-in and checkout limit counters whose window ended
 * without a lock or block still running. Nothing a merchant or a buyer can see is touched.
 */
export async function housekeeping(ctx: Pick<AppContext, 'database' | 'config'>) {
  await deleteExpiredSessions(ctx.database);
  await deleteSpentLoginThrottles(ctx.database);
  await deleteSpentCheckoutThrottles(ctx.database, ctx.config.checkoutLimits);
}

/** Schedules housekeeping and works its queue in this process (`serve` and `worker`; one run at a time across them). */
export async function startHousekeeping(ctx: AppContext, boss: PgBoss, log?: FastifyBaseLogger) {
  const name = queues.housekeeping.name;
  await boss.schedule(name, housekeepingCron, {}, { tz: 'UTC' });
  const id = await boss.work(name, { batchSize: 1, pollingIntervalSeconds: 5 }, async () => {
    try {
      await housekeeping(ctx);
    } catch (err) {
      log?.error({ err }, 'housekeeping failed; the next hourly run tries again');
      throw err;
    }
  });
  return { stop: () => boss.offWork({ id }) };
}
