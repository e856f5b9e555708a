/**
 * The HubSpot sync in a burst: how many HubSpot API calls each synced payment costs (batched), and
 * how fast a burst is synced against the bound HubSpot's rate limit sets (limit ÷ calls per payment).
 *
 * Run: npx tsx bench/hubspot-sync.ts [--payments 1000] [--buyers 800] [--limit 100] [--window 10] [--workers 2] [--driver pglite|pg]
 * (`--driver pg` needs DATABASE_URL or TEST_DATABASE_URL; a fresh database is created and dropped.)
 *
 * The payments are written straight into the database as succeeded payments with their
 * `hubspot-sync` jobs (test/sync/paid-transactions.ts), then the sync — the loops `serve` runs —
 * pushes them to the HubSpot stand-in, whose per-portal statistics count every call. The stand-in
 * enforces the same limit as the sync is configured with, so a call too many would show as a 429.
 */
import { Buyer, createMerchant } from '../test/helpers/checkout.js';
import type { Driver } from '../test/helpers/databases.js';
import { createPaidTransactions } from '../test/sync/paid-transactions.js';
import { syncMetrics } from '../src/sync/sync-metrics.js';
import { allSynced, connectHubSpot, startSyncWorld } from '../test/sync/sync-world.js';

function arg<T extends string | number>(name: string, fallback: T): T {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  return (typeof fallback === 'number' ? Number(process.argv[i + 1]) : process.argv[i + 1]) as T;
}

const payments = arg('payments', 1000);
const buyers = arg('buyers', Math.round(payments * 0.8));
const limit = arg('limit', 100);
const windowSeconds = arg('window', 10);
const workers = arg('workers', 2);
const driver = arg('driver', 'pglite') as Driver;

const world = await startSyncWorld(driver, { HUBSPOT_RATE_LIMIT: String(limit), HUBSPOT_RATE_LIMIT_WINDOW_SECONDS: String(windowSeconds), SYNC_WORKERS: String(workers), LOG_LEVEL: 'warn' });
try {
  // Warm-up on another merchant and portal: one real payment, then a small burst.
  const warm = await createMerchant(world.t);
  await connectHubSpot(warm);
  await new Buyer(world, warm).buy();
  const warmIds = await createPaidTransactions(world, warm, 200, (i) => `warm${i}@example.com`);
  while (!(await allSynced(world, warmIds))) await new Promise((resolve) => setTimeout(resolve, 100));

  const merchant = await createMerchant(world.t);
  const portalId = await connectHubSpot(merchant);
  await world.hubspot.setRateLimit(portalId, { max: limit, intervalMs: windowSeconds * 1000 });
  // Connecting made calls of its own: let the portal's window forget them before counting.
  await new Promise((resolve) => setTimeout(resolve, windowSeconds * 1000 + 100));
  await world.hubspot.resetStats(portalId);

  const ids = await createPaidTransactions(world, merchant, payments, (i) => `buyer${i % buyers}@example.com`);
  const start = performance.now();
  while (!(await allSynced(world, ids))) await new Promise((resolve) => setTimeout(resolve, 100));
  const seconds = (performance.now() - start) / 1000;

  const stats = await world.hubspot.stats(portalId);
  const callsPerPayment = stats.requests / payments;
  const perSecond = payments / seconds;
  const bound = limit / windowSeconds / callsPerPayment;
  console.log(
    JSON.stringify(
      {
        node: process.version,
        cpus: (await import('node:os')).cpus().length,
        driver,
        payments,
        buyers,
        rateLimit: `${limit} per ${windowSeconds} s`,
        workers,
        calls: stats.requests,
        callsPerPayment: Number(callsPerPayment.toFixed(3)),
        byEndpoint: stats.byEndpoint,
        seconds: Number(seconds.toFixed(2)),
        paymentsPerSecond: Math.round(perSecond),
        boundPaymentsPerSecond: Math.round(bound),
        // With fewer calls than one window allows, the whole burst fits in a window: the limit never binds.
        limitBinds: stats.requests > limit,
        ofBound: Number((perSecond / bound).toFixed(2)),
        maxRequestsInWindow: stats.maxRequestsInWindow,
        rateLimited: stats.rateLimited,
        // Attempts by result over the whole run (warm-up included): `retrying` counts failed attempts.
        attempts: Object.fromEntries((await syncMetrics(world.t.ctx).results.get()).values.map((v) => [v.labels.result, v.value])),
      },
      null,
      2,
    ),
  );
} finally {
  await world.close();
}
