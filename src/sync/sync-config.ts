import type { Config } from '../config.js';

/** How the HubSpot sync paces, batches and retries. */
export interface SyncConfig {
  /**
   * Requests per portal in any rolling window (HUBSPOT_RATE_LIMIT per HUBSPOT_RATE_LIMIT_WINDOW_SECONDS):
   * a private app's limit (HubSpot: 100 Free/Starter, 190 Pro/Enterprise, 250 with the API add-on).
   * An OAuth connection uses `oauthMax` (HubSpot gives each OAuth app 110 per 10 s in a portal).
   */
  rateLimit: { max: number; intervalMs: number; oauthMax?: number };
  /**
   * Requests per portal per UTC day the sync may make (HUBSPOT_DAILY_LIMIT): its share of HubSpot's
   * daily limit, which every app of the portal spends (250,000 / 625,000 / 1,000,000 by tier). By
   * default 90% of the smallest, the rest left to the merchant's other apps.
   */
  dailyLimit: number;
  /** Failed syncs are retried for this long before they become dead letters (SYNC_RETRY_HOURS, ≥ 72). */
  retryWindowHours: number;
  /** Exponential backoff: the first retry after `baseMs`, doubling, never more than `maxMs` (≤ 5 minutes). */
  backoff: { baseMs: number; maxMs: number };
  /** Sync loops per process (SYNC_WORKERS). */
  workers: number;
  /** How often an idle loop looks for due jobs (SYNC_POLL_MS). */
  pollMs: number;
}

export const defaultSyncConfig: SyncConfig = {
  rateLimit: { max: 100, intervalMs: 10_000, oauthMax: 110 },
  dailyLimit: 225_000,
  retryWindowHours: 72,
  backoff: { baseMs: 10_000, maxMs: 300_000 },
  workers: 2,
  pollMs: 1000,
};

/** The sync's settings: the environment's (config.ts) over these defaults. */
export function syncConfigOf(config: Pick<Config, 'sync'>): SyncConfig {
  const env = config.sync;
  const defaults = defaultSyncConfig;
  return {
    rateLimit: {
      max: env.rateLimitMax ?? defaults.rateLimit.max,
      intervalMs: env.rateLimitWindowSeconds !== undefined ? env.rateLimitWindowSeconds * 1000 : defaults.rateLimit.intervalMs,
      oauthMax: defaults.rateLimit.oauthMax,
    },
    dailyLimit: env.dailyLimit ?? defaults.dailyLimit,
    retryWindowHours: env.retryWindowHours ?? defaults.retryWindowHours,
    backoff: { baseMs: env.backoffBaseMs ?? defaults.backoff.baseMs, maxMs: env.backoffMaxMs ?? defaults.backoff.maxMs },
    workers: env.workers ?? defaults.workers,
    pollMs: env.pollMs ?? defaults.pollMs,
  };
}
