import type PgBoss from 'pg-boss';
import { reportError } from '../logging/error-reporting.js';
import type { QueueName } from './queues.js';

/**
 * Schedules `queue` on a cron (UTC) and works it in this process. Every instance may call this:
 * pg-boss's cron starts one job per tick however many processes schedule it, and hands each job to
 * one of them; the queue's policy (`stately` for ours) keeps runs from overlapping or piling up.
 * A run that throws is logged with `failure.message` (what happens next), reported (SENTRY_DSN)
 * and left to the queue's retry policy.
 */
export async function startCronJob(
  boss: PgBoss,
  queue: QueueName,
  cron: string,
  run: () => Promise<unknown>,
  failure: { log?: { error(obj: object, msg: string): void }; message: string },
) {
  await boss.schedule(queue, cron, {}, { tz: 'UTC' });
  const id = await boss.work(queue, { batchSize: 1, pollingIntervalSeconds: 5 }, async () => {
    try {
      await run();
    } catch (err) {
      failure.log?.error({ err }, failure.message);
      reportError(err, { job: queue });
      throw err;
    }
  });
  return { stop: () => boss.offWork({ id }) };
}
