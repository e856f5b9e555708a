import type PgBoss from 'pg-boss';
import { sql } from 'drizzle-orm';
import type { Scope } from '../platform/tenancy/scope.js';
import type { SyncJobData } from './sync-job.js';
import { withTenant } from '../platform/db/tenant.js';
import type { AppContext } from '../platform/http/types.js';
import { loadHubSpotConnection } from '../providers/hubspot/load-hubspot-connection.js';
import { claimPayments } from './claim-payments.js';
import { failureOf } from './hubspot-failure.js';
import { shownInHubSpot } from './hubspot-payloads.js';
import { loadSyncItems, type SyncItem } from './load-sync-items.js';
import { PortalCaller } from './portal-caller.js';
import { maxBatchInputs, pushToHubSpot } from './push-to-hubspot.js';
import { recordSyncResults, type SyncResult } from './record-sync-results.js';
import type { SharedRateLimiter } from './shared-rate-limiter.js';
import type { SyncConfig } from './sync-config.js';
import type { SyncMetrics } from './sync-metrics.js';

export type SyncContext = Pick<AppContext, 'config' | 'database' | 'secretBox' | 'sandboxUrls'>;

export interface SyncEngine {
  ctx: SyncContext;
  config: SyncConfig;
  limiter: SharedRateLimiter;
  metrics: SyncMetrics;
  log?: { warn(obj: object, msg: string): void };
}

/** Until when a batch may call HubSpot, and until when its payments are held (see batchDeadline). */
export interface BatchDeadline {
  callsUntil: number;
  leaseUntil: Date;
}

/** A chunk whose sync failed for a reason that is not HubSpot's (the database, a bug): its jobs, and why. */
export interface ChunkFailure {
  jobIds: string[];
  error: unknown;
}

/**
 * Works off a batch of `hubspot-sync` jobs. Jobs only point at payments: they are grouped by
 * account and mode (one HubSpot connection), payments named by several jobs are synced once, and
 * each group goes to HubSpot in chunks of up to 100 payments. Every job of a chunk is settled when
 * this returns: synced, skipped, rescheduled by a new job, or a dead letter — except in a chunk
 * that failed for a reason that is not HubSpot's, whose jobs are returned for the caller to fail
 * (pg-boss retries them); the other chunks are not held back by it.
 */
export async function syncJobs(engine: SyncEngine, jobs: PgBoss.Job<SyncJobData>[], deadline: BatchDeadline): Promise<ChunkFailure[]> {
  const groups = new Map<string, { scope: Scope; payments: Map<string, { data: SyncJobData; jobIds: string[] }> }>();
  for (const { id, data } of jobs) {
    const key = `${data.accountId} ${data.mode}`;
    const group = groups.get(key) ?? { scope: { accountId: data.accountId, mode: data.mode }, payments: new Map() };
    const payment = group.payments.get(data.transactionId) ?? { data, jobIds: [] };
    payment.jobIds.push(id);
    group.payments.set(data.transactionId, payment);
    groups.set(key, group);
  }
  const failures: ChunkFailure[] = [];
  for (const { scope, payments } of groups.values()) {
    const all = [...payments.values()];
    for (let i = 0; i < all.length; i += maxBatchInputs) {
      const chunk = all.slice(i, i + maxBatchInputs);
      try {
        await syncChunk(engine, scope, chunk.map((p) => p.data), deadline);
      } catch (error) {
        failures.push({ jobIds: chunk.flatMap((p) => p.jobIds), error });
      }
    }
  }
  return failures;
}

async function syncChunk(engine: SyncEngine, scope: Scope, jobs: SyncJobData[], deadline: BatchDeadline) {
  const { ctx } = engine;
  const now = () => new Date();
  const { claimed, busy, items } = await withTenant(ctx.database, scope.accountId, async (tx) => {
    const taken = await claimPayments(tx, scope, jobs.map((j) => j.transactionId), now(), deadline.leaseUntil);
    return { ...taken, items: await loadSyncItems(tx, scope, taken.claimed) };
  });
  try {
    const results = await syncItems(engine, scope, items, deadline.callsUntil);
    const summary = await withTenant(ctx.database, scope.accountId, (tx) =>
      recordSyncResults(tx, scope, { results, busy: jobs.filter((j) => busy.includes(j.transactionId)), config: engine.config, now: now() }),
    );
    const done = now().getTime();
    for (const item of summary.synced) engine.metrics.latency.observe(Math.max(0, done - item.updatedAt.getTime()) / 1000);
    const counts = { synced: summary.synced.length, skipped: results.filter((r) => r.kind === 'skipped').length, retrying: summary.retrying, failed: summary.dead.length };
    for (const [result, n] of Object.entries(counts)) if (n > 0) engine.metrics.results.inc({ result }, n);
    for (const dead of summary.dead) engine.log?.warn({ transactionId: dead.transactionId, code: dead.code }, 'HubSpot sync failed for good (dead letter)');
  } catch (err) {
    // Not a HubSpot failure: let the jobs fail (pg-boss retries them) without holding the payments meanwhile.
    await withTenant(ctx.database, scope.accountId, (tx) =>
      tx.execute(sql`UPDATE hubspot_syncs SET lease_until = NULL WHERE account_id = ${scope.accountId} AND transaction_id = ANY(${sql.param(claimed)}::text[])`),
    ).catch(() => {});
    throw err;
  }
}

/** One attempt for one connection's payments: what each needs, then HubSpot for those that need it. */
async function syncItems(engine: SyncEngine, scope: Scope, items: SyncItem[], callsUntil: number): Promise<SyncResult[]> {
  const results: SyncResult[] = [];
  const toPush: SyncItem[] = [];
  for (const item of items) {
    if (!shownInHubSpot.has(item.status)) results.push({ kind: 'ignored', item });
    else if (item.status === 'failed' && !item.form.syncFailedPayments) {
      results.push({ kind: 'skipped', item, code: 'failed_payments_not_synced', message: 'The payment form does not sync failed payments to HubSpot.' });
    } else toPush.push(item);
  }
  if (toPush.length === 0) return results;

  let connection;
  try {
    connection = await loadHubSpotConnection(engine.ctx, scope.accountId, scope.mode);
  } catch (err) {
    const failure = failureOf(err);
    return [...results, ...toPush.map((item): SyncResult => ({ kind: 'failed', item, failure, contactId: null, dealId: null }))];
  }
  if (!connection) {
    const message = `HubSpot is not connected in ${scope.mode} mode. Connect it, then retry.`;
    return [...results, ...toPush.map((item): SyncResult => ({ kind: 'skipped', item, code: 'not_connected', message }))];
  }
  const caller = new PortalCaller(engine.ctx, scope, connection, engine.limiter, engine.metrics, { callsUntil });
  const outcomes = await pushToHubSpot(caller, toPush);
  for (const item of toPush) results.push({ item, ...outcomes.get(item.transactionId)! });
  return results;
}
