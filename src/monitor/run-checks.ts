import type { MonitoredProvider, Mode } from '../platform/db/schema.js';
import type { AppContext } from '../platform/http/types.js';
import { appMetrics } from './metrics.js';
import { checkReachability, connectionChecks, reachabilityTargets, type CheckResult } from './provider-checks.js';

export interface CheckOptions {
  /** A result younger than this is fresh: no instance checks again before. */
  intervalMs: number;
  /** Per check. */
  timeoutMs: number;
  /** Connections checked at once by this instance. */
  concurrency?: number;
  /** Most connections one round claims (the rest wait for the next round). */
  batchSize?: number;
  log?: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void };
}

/** Days of status history kept for the dashboard. */
export const statusHistoryDays = 30;

// A result is due a little before a full interval has passed, so a round that starts on time finds it due.
const dueAfterMs = (intervalMs: number) => Math.floor(intervalMs * 0.9);
const leaseMs = (timeoutMs: number) => 3 * timeoutMs + 5000;

interface Claimed {
  account_id: string;
  mode: Mode;
  provider: MonitoredProvider;
  claimed_at: Date;
}

/**
 * One round of provider monitoring, safe to run on every instance at once: claims the connections
 * and providers whose latest result is not fresh and that no other instance is checking (a lease
 * in the row), checks them, and stores each result with its status history. Returns how many
 * checks ran here.
 */
export async function runProviderChecks(ctx: AppContext, options: CheckOptions): Promise<{ connections: number; reachability: number }> {
  const [reachability, connections] = await Promise.all([checkReachabilityRound(ctx, options), checkConnectionsRound(ctx, options)]);
  return { connections, reachability };
}

async function checkConnectionsRound(ctx: AppContext, options: CheckOptions): Promise<number> {
  const providers = Object.keys(connectionChecks);
  // Insert a status row for connections never checked, or take over a due, unclaimed one; the
  // conflict clause re-reads the row under its lock, so two instances never claim the same row.
  const { rows } = await ctx.database.query<Claimed>(
    `INSERT INTO provider_status AS s (account_id, mode, provider, status, reason, checked_at, changed_at, claimed_until)
     SELECT c.account_id, c.mode, c.provider, 'unknown', 'not_checked', 'epoch', now(), now() + make_interval(secs => $3::int / 1000.0)
       FROM provider_connections c
       LEFT JOIN provider_status p ON p.account_id = c.account_id AND p.mode = c.mode AND p.provider = c.provider
      WHERE c.provider = ANY($1::text[])
        AND (p.account_id IS NULL OR (p.checked_at <= now() - make_interval(secs => $2::int / 1000.0) AND (p.claimed_until IS NULL OR p.claimed_until < now())))
      ORDER BY p.checked_at NULLS FIRST
      LIMIT $4
     ON CONFLICT (account_id, mode, provider) DO UPDATE SET claimed_until = EXCLUDED.claimed_until
      WHERE s.checked_at <= now() - make_interval(secs => $2::int / 1000.0) AND (s.claimed_until IS NULL OR s.claimed_until < now())
     RETURNING s.account_id, s.mode, s.provider, now() AS claimed_at`,
    [providers, dueAfterMs(options.intervalMs), leaseMs(options.timeoutMs), options.batchSize ?? 500],
  );
  const metrics = appMetrics(ctx);
  await inPool(rows, options.concurrency ?? 8, async (claim) => {
    const started = performance.now();
    let result: CheckResult;
    try {
      result = await connectionChecks[claim.provider]!(ctx, { accountId: claim.account_id, mode: claim.mode }, options.timeoutMs);
    } catch (err) {
      options.log?.warn({ err, provider: claim.provider }, 'provider check failed unexpectedly');
      result = { status: 'down', reason: 'error', detail: 'The check could not run.' };
    }
    const latencyMs = Math.round(performance.now() - started);
    metrics.providerCheckSeconds.observe({ provider: claim.provider, kind: 'connection' }, latencyMs / 1000);
    metrics.providerChecks.inc({ provider: claim.provider, kind: 'connection', result: result.status });
    await recordConnectionResult(ctx, claim, result, latencyMs);
  });
  return rows.length;
}

/** Stores a connection's result; a change of status closes the open history period and opens one. */
async function recordConnectionResult(ctx: AppContext, claim: Claimed, result: CheckResult, latencyMs: number) {
  const key = [claim.account_id, claim.mode, claim.provider];
  const { rows } = await ctx.database.query<{ old_status: string }>(
    `UPDATE provider_status s
        SET status = $4, reason = $5, detail = $6, latency_ms = $7, checked_at = $8, claimed_until = NULL,
            changed_at = CASE WHEN o.old_status = $4 THEN s.changed_at ELSE $8 END
       FROM (SELECT status AS old_status FROM provider_status WHERE account_id = $1 AND mode = $2 AND provider = $3 FOR UPDATE) o
      WHERE s.account_id = $1 AND s.mode = $2 AND s.provider = $3
      RETURNING o.old_status`,
    [...key, result.status, result.reason, result.detail, latencyMs, claim.claimed_at],
  );
  // Gone (disconnected while checking), or unchanged: no history to write.
  if (rows.length === 0 || rows[0].old_status === result.status) return;
  await ctx.database.query(
    `WITH closed AS (
       UPDATE provider_status_events SET ended_at = $4 WHERE account_id = $1 AND mode = $2 AND provider = $3 AND ended_at IS NULL
     )
     INSERT INTO provider_status_events (account_id, mode, provider, status, reason, detail, started_at) VALUES ($1, $2, $3, $5, $6, $7, $4)`,
    [...key, claim.claimed_at, result.status, result.reason, result.detail],
  );
}

async function checkReachabilityRound(ctx: AppContext, options: CheckOptions): Promise<number> {
  const targets = reachabilityTargets(ctx.sandboxUrls);
  const { rows } = await ctx.database.query<{ provider: MonitoredProvider; claimed_at: Date }>(
    `INSERT INTO provider_reachability AS r (provider, target, status, reason, checked_at, changed_at, claimed_until)
     SELECT p, '', 'unknown', 'not_checked', 'epoch', now(), now() + make_interval(secs => $3::int / 1000.0) FROM unnest($1::text[]) AS p
     ON CONFLICT (provider) DO UPDATE SET claimed_until = EXCLUDED.claimed_until
      WHERE r.checked_at <= now() - make_interval(secs => $2::int / 1000.0) AND (r.claimed_until IS NULL OR r.claimed_until < now())
     RETURNING r.provider, now() AS claimed_at`,
    [Object.keys(targets), dueAfterMs(options.intervalMs), leaseMs(options.timeoutMs)],
  );
  const metrics = appMetrics(ctx);
  await Promise.all(
    rows.map(async ({ provider, claimed_at }) => {
      const started = performance.now();
      const target = targets[provider]!;
      const result = await checkReachability(provider, target, options.timeoutMs);
      const latencyMs = Math.round(performance.now() - started);
      metrics.providerCheckSeconds.observe({ provider, kind: 'reachability' }, latencyMs / 1000);
      metrics.providerChecks.inc({ provider, kind: 'reachability', result: result.status });
      const { rows: changed } = await ctx.database.query<{ old_status: string }>(
        `UPDATE provider_reachability r
            SET target = $2, status = $3, reason = $4, latency_ms = $5, checked_at = $6, claimed_until = NULL,
                changed_at = CASE WHEN o.old_status = $3 THEN r.changed_at ELSE $6 END
           FROM (SELECT status AS old_status FROM provider_reachability WHERE provider = $1 FOR UPDATE) o
          WHERE r.provider = $1
          RETURNING o.old_status`,
        [provider, new URL(target).origin, result.status, result.reason, latencyMs, claimed_at],
      );
      const before = changed[0]?.old_status;
      if (before !== undefined && before !== result.status && !(before === 'unknown' && result.status === 'up')) {
        options.log?.warn({ provider, status: result.status, reason: result.reason }, `${provider} is ${result.status === 'up' ? 'reachable again' : 'unreachable'}`);
      }
    }),
  );
  return rows.length;
}

/**
 * Keeps the history bounded: drops periods that ended more than `statusHistoryDays` ago, and closes
 * periods whose connection is gone (disconnected).
 */
export async function pruneStatusHistory(ctx: AppContext) {
  await ctx.database.query(`DELETE FROM provider_status_events WHERE ended_at < now() - make_interval(days => $1::int)`, [statusHistoryDays]);
  await ctx.database.query(
    `UPDATE provider_status_events e SET ended_at = now()
      WHERE e.ended_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM provider_status s WHERE s.account_id = e.account_id AND s.mode = e.mode AND s.provider = e.provider)`,
    [],
  );
}

async function inPool<T>(items: T[], size: number, run: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await run(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
}
