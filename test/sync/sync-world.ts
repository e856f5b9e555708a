import type PgBoss from 'pg-boss';
import { syncConfigOf } from '../../src/sync/sync-config.js';
import { startJobs } from '../../src/platform/jobs/boss.js';
import type { SyncConfig } from '../../src/sync/sync-config.js';
import { startSyncWorker, type SyncWorker } from '../../src/sync/sync-worker.js';
import type { Driver } from '../helpers/databases.js';
import { startCheckoutWorld, type CheckoutWorld, type Merchant } from '../helpers/checkout.js';

/** Short waits so retries happen in milliseconds, not minutes (the policy itself is unit-tested). */
export const fastSyncEnv = { SYNC_POLL_MS: '50', SYNC_RETRY_BASE_MS: '100', SYNC_RETRY_MAX_MS: '400' };

export interface HubSpotRecord {
  id: string;
  properties: Record<string, string | null>;
  archived: boolean;
  associations: Record<string, { id: string; type: string }[]>;
}

export interface PortalStats {
  requests: number;
  rateLimited: number;
  maxRequestsInWindow: number;
  rateLimit: { max: number; intervalMs: number };
  byEndpoint: Record<string, number>;
}

/** What the HubSpot stand-in holds and counts, through its sandbox controls (never counted, never faulted). */
export class HubSpotStandIn {
  constructor(readonly url: string) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.url}/__sandbox${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  async records(portalId: string, type: 'contacts' | 'deals' | 'line_items'): Promise<HubSpotRecord[]> {
    return (await this.call<{ results: HubSpotRecord[] }>('GET', `/hubspot/portals/${portalId}/objects/${type}`)).results.filter((r) => !r.archived);
  }

  stats(portalId: string) {
    return this.call<PortalStats>('GET', `/hubspot/portals/${portalId}/stats`);
  }

  resetStats(portalId: string) {
    return this.call('POST', `/hubspot/portals/${portalId}/stats/reset`, {});
  }

  setRateLimit(portalId: string, limit: { max: number; intervalMs: number }) {
    return this.call('PUT', `/hubspot/portals/${portalId}/rate-limit`, limit);
  }
}

export interface SyncWorld extends CheckoutWorld {
  boss: PgBoss;
  hubspot: HubSpotStandIn;
  /** The sync workers of this world (more can be started to play several instances). */
  workers: SyncWorker[];
  /** Starts the sync as one more instance would (its own loops and config; the rate limit is shared through the database). */
  startWorker(config?: Partial<SyncConfig>): SyncWorker;
  /** Stops every running worker. */
  stopWorkers(): Promise<void>;
  /** What the workers logged as errors (a chunk failing for a reason that is not HubSpot's). */
  workerErrors: string[];
}

/** The checkout world (sandbox stand-ins, an app listening for webhooks) with pg-boss and the sync running, as `serve` runs them. */
export async function startSyncWorld(driver: Driver, env: Record<string, string> = {}, options: { worker?: boolean } = {}): Promise<SyncWorld> {
  const world = await startCheckoutWorld(driver, { ...fastSyncEnv, ...env });
  const boss = await startJobs(world.t.ctx.database, { schedule: false, supervise: false });
  const workers: SyncWorker[] = [];
  const workerErrors: string[] = [];
  const log = { warn: () => {}, error: (obj: object, msg: string) => void workerErrors.push(`${msg}: ${String((obj as { err?: unknown }).err)}`) };
  const startWorker = (config: Partial<SyncConfig> = {}) => {
    const worker = startSyncWorker(world.t.ctx, boss, { config: { ...syncConfigOf(world.t.ctx.config), ...config }, log });
    workers.push(worker);
    return worker;
  };
  const stopWorkers = async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
  };
  if (options.worker !== false) startWorker();
  return {
    ...world,
    boss,
    hubspot: new HubSpotStandIn(world.sandbox.urls.hubspot),
    workers,
    startWorker,
    stopWorkers,
    workerErrors,
    async close() {
      await stopWorkers();
      await boss.stop({ graceful: true, wait: true, timeout: 5000 });
      await world.close();
    },
  };
}

/** Connects the merchant's HubSpot (test mode) to a fresh portal at the stand-in; returns the portal id. */
export async function connectHubSpot(merchant: Merchant): Promise<string> {
  const res = await merchant.client.request('POST', '/api/v1/connections/hubspot/test/sandbox', {});
  if (res.statusCode !== 201) throw new Error(`connecting HubSpot failed: ${res.statusCode} ${res.body}`);
  return res.json().hubspot.portalId as string;
}

/** Polls until `check` holds (every 50 ms); fails with `what` (and what `explain` says) after `timeoutMs`. */
export async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs = 20_000, explain?: () => Promise<unknown>) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}${explain ? `: ${JSON.stringify(await explain())}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Where the payments' syncs stand, counted by state and error (for a timeout's message). */
export async function syncProgress(world: CheckoutWorld, ids: string[]) {
  const { rows } = await world.t.ctx.database.query<{ state: string; error_code: string | null; n: number }>(
    `SELECT coalesce(s.state, 'no row') AS state, s.error_code, count(*)::int AS n FROM transactions t LEFT JOIN hubspot_syncs s ON s.transaction_id = t.id
      WHERE t.id = ANY($1::text[]) GROUP BY 1, 2 ORDER BY 3 DESC`,
    [ids],
  );
  return rows;
}

/** The sync rows of the given payments, by id. */
export async function syncRows(world: CheckoutWorld, ids: string[]) {
  const { rows } = await world.t.ctx.database.query<{ transaction_id: string; state: string; synced_status: string | null; attempts: number; error_code: string | null; last_error: string | null }>(
    `SELECT transaction_id, state, synced_status, attempts, error_code, last_error FROM hubspot_syncs WHERE transaction_id = ANY($1::text[])`,
    [ids],
  );
  return new Map(rows.map((r) => [r.transaction_id, r]));
}

/** True once every payment is synced in the status it has now. */
export async function allSynced(world: CheckoutWorld, ids: string[]): Promise<boolean> {
  const { rows } = await world.t.ctx.database.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM transactions t JOIN hubspot_syncs s ON s.transaction_id = t.id
      WHERE t.id = ANY($1::text[]) AND s.state = 'synced' AND s.synced_status = t.status AND s.synced_amount_refunded = t.amount_refunded`,
    [ids],
  );
  return rows[0]!.n === ids.length;
}
