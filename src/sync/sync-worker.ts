import { reportError } from '../platform/logging/error-reporting.js';
import type PgBoss from 'pg-boss';
import { sql } from 'drizzle-orm';
import { isSyncJob, type SyncJobData } from './sync-job.js';
import { withTenant } from '../platform/db/tenant.js';
import { queues } from '../platform/jobs/queues.js';
import { hubspotTimeoutMs } from '../providers/hubspot/hubspot-client.js';
import { SharedRateLimiter } from './shared-rate-limiter.js';
import { syncConfigOf, type SyncConfig } from './sync-config.js';
import { syncMetrics } from './sync-metrics.js';
import { syncJobs, type SyncContext, type SyncEngine } from './sync-payments.js';

export interface SyncWorker {
  /** Stops fetching, lets batches in progress finish, and resolves when they have. */
  stop(): Promise<void>;
}

export interface SyncWorkerOptions {
  /** Defaults to the environment's settings over the sync's defaults (syncConfigOf). */
  config?: SyncConfig;
  log?: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

/** Jobs fetched at once per loop: one chunk of HubSpot's batch size. */
const fetchSize = 100;
/** Kept free at the end of a job's time for recording the results and completing the jobs. */
const settleMarginMs = 10_000;

/**
 * Until when a batch may call HubSpot: its jobs expire (pg-boss hands them to another worker) when
 * their `expireInSeconds` have passed since they were fetched, so the sync stops before then, and
 * its payments' leases end then (src/sync/claim-payments.ts).
 */
export function batchDeadline(jobs: PgBoss.Job<unknown>[], fetchedAt: number): { callsUntil: number; leaseUntil: Date } {
  const expiresAt = fetchedAt + Math.min(...jobs.map((j) => Number(j.expireInSeconds))) * 1000;
  return { callsUntil: expiresAt - settleMarginMs, leaseUntil: new Date(expiresAt) };
}

/**
 * Runs the HubSpot sync in this process (`serve` and `worker`): `config.workers` loops, each fetching
 * up to 100 due `hubspot-sync` jobs at a time, syncing them (see syncJobs), then completing them.
 * A loop goes straight on while there is work and waits `pollMs` when there is none. Any number of
 * processes may run it against one database: pg-boss hands each job to one loop, payments are
 * leased while synced, and HubSpot's rate limit is shared through Postgres.
 *
 * It also works the `hubspot-sync-dead` queue: jobs pg-boss itself gave up on (a worker crashed or
 * threw on them for 75 h) are recorded as failed syncs, so they show in the dead-letter list.
 */
export function startSyncWorker(ctx: SyncContext, boss: PgBoss, options: SyncWorkerOptions = {}): SyncWorker {
  const config = options.config ?? syncConfigOf(ctx.config);
  const engine: SyncEngine = { ctx, config, limiter: new SharedRateLimiter(ctx.database, { ...config.rateLimit, daily: config.dailyLimit, maxCallMs: hubspotTimeoutMs }), metrics: syncMetrics(ctx), log: options.log };
  let stopped = false;
  const sleepers = new Set<() => void>();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      sleepers.add(done);
    });

  const loop = async () => {
    while (!stopped) {
      const fetchedAt = Date.now();
      const fetched = await boss.fetch<unknown>(queues.hubspotSync.name, { batchSize: fetchSize });
      if (fetched.length === 0) {
        await sleep(config.pollMs);
        continue;
      }
      const jobs = await settleMalformed(boss, fetched, options.log);
      const failures = await syncJobs(engine, jobs, batchDeadline(fetched, fetchedAt));
      const failed = new Set(failures.flatMap((f) => f.jobIds));
      try {
        for (const { jobIds, error } of failures) {
          options.log?.error({ err: error, jobs: jobIds.length }, 'HubSpot sync of a chunk failed; pg-boss retries its jobs');
          reportError(error, { job: queues.hubspotSync.name });
          await boss.fail(queues.hubspotSync.name, jobIds, error as object);
        }
        const done = jobs.map((j) => j.id).filter((id) => !failed.has(id));
        if (done.length) await boss.complete(queues.hubspotSync.name, done);
      } catch (err) {
        // The database failing: jobs not settled stay active until pg-boss expires and retries them (a job run twice is harmless).
        options.log?.error({ err }, 'HubSpot sync jobs could not be settled');
        reportError(err, { job: queues.hubspotSync.name });
      }
      if (failed.size) await sleep(config.pollMs);
    }
  };
  const loops = Array.from({ length: config.workers }, loop);
  const dead = boss.work<unknown>(queues.hubspotSyncDead.name, { batchSize: 50, pollingIntervalSeconds: 5 }, (jobs) => recordDeadJobs(ctx, jobs));

  return {
    async stop() {
      stopped = true;
      for (const wake of sleepers) wake();
      await Promise.all(loops);
      await boss.offWork({ id: await dead });
    },
  };
}

/**
 * Jobs whose payload is not a SyncJobData (a bug, or a row edited by hand) can never run: they are
 * logged and completed rather than retried for days. Returns the well-formed ones.
 */
async function settleMalformed(boss: PgBoss, jobs: PgBoss.Job<unknown>[], log: SyncWorkerOptions['log']): Promise<PgBoss.Job<SyncJobData>[]> {
  const good: PgBoss.Job<SyncJobData>[] = [];
  const bad: string[] = [];
  for (const job of jobs) {
    if (isSyncJob(job.data)) good.push(job as PgBoss.Job<SyncJobData>);
    else bad.push(job.id);
  }
  if (bad.length > 0) {
    log?.error({ jobIds: bad }, 'hubspot-sync jobs with a payload that is not a sync job were dropped');
    await boss.complete(queues.hubspotSync.name, bad).catch(() => undefined);
  }
  return good;
}

/** Jobs pg-boss gave up on become failed syncs, like any dead letter: listed, retryable. */
async function recordDeadJobs(ctx: SyncContext, jobs: PgBoss.Job<unknown>[]) {
  const message = 'The sync kept failing unexpectedly (the worker crashed or met an error that is not HubSpot\'s) for 75 hours. Retry it; if it fails again, report it with this payment id.';
  for (const { data } of jobs) {
    if (!isSyncJob(data)) continue;
    await withTenant(ctx.database, data.accountId, (tx) =>
      tx.execute(sql`
        INSERT INTO hubspot_syncs (transaction_id, account_id, mode, state, error_code, last_error, failed_at)
        SELECT id, account_id, mode, 'failed', 'worker_failed', ${message}, now() FROM transactions WHERE account_id = ${data.accountId} AND id = ${data.transactionId}
        ON CONFLICT (transaction_id) DO UPDATE SET state = 'failed', error_code = EXCLUDED.error_code, last_error = EXCLUDED.last_error,
          failed_at = now(), next_attempt_at = NULL, lease_until = NULL, updated_at = now()`),
    );
  }
}
