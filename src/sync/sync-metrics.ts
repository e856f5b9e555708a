import { Counter, Gauge, Histogram } from 'prom-client';
import type { Database } from '../platform/db/connect.js';
import { queues } from '../platform/jobs/queues.js';
import { defineMetric } from '../monitor/metrics.js';

export interface SyncMetrics {
  /** HubSpot calls made by this instance's sync, by operation and outcome (`ok`, `rate_limited`, `error`). */
  calls: Counter<'operation' | 'outcome'>;
  /** Payments this instance finished an attempt for, by result (`synced`, `retrying`, `failed`, `skipped`). */
  results: Counter<'result'>;
  /** Seconds from a payment's last change to HubSpot matching it. */
  latency: Histogram;
}

/**
 * The sync's metrics on the app's registry (GET /metrics). Queue depth and dead letters are read
 * from the database at scrape time, so every instance reports the whole deployment; the counters
 * and the histogram count this instance's work. No label names an account.
 */
export function syncMetrics(ctx: { database: Database }): SyncMetrics {
  const database = ctx.database;
  defineMetric(
    ctx,
    'onepagepay_hubspot_sync_jobs',
    (registry) =>
      new Gauge({
        name: 'onepagepay_hubspot_sync_jobs',
        help: 'HubSpot sync jobs by state: queued (waiting, retries included) or active (being worked on).',
        labelNames: ['state'],
        registers: [registry],
        async collect() {
          const { rows } = await database.query<{ queued: number; active: number }>(
            `SELECT count(*) FILTER (WHERE state < 'active')::int AS queued, count(*) FILTER (WHERE state = 'active')::int AS active
               FROM pgboss.job WHERE name = $1`,
            [queues.hubspotSync.name],
          );
          this.set({ state: 'queued' }, rows[0]?.queued ?? 0);
          this.set({ state: 'active' }, rows[0]?.active ?? 0);
        },
      }),
  );
  defineMetric(
    ctx,
    'onepagepay_hubspot_sync_dead_letters',
    (registry) =>
      new Gauge({
        name: 'onepagepay_hubspot_sync_dead_letters',
        help: 'Payments whose HubSpot sync failed for good and waits for a merchant to retry it.',
        registers: [registry],
        async collect() {
          const { rows } = await database.query<{ n: number }>(`SELECT count(*)::int AS n FROM hubspot_syncs WHERE state = 'failed'`, []);
          this.set(rows[0]?.n ?? 0);
        },
      }),
  );
  return {
    calls: defineMetric(
      ctx,
      'onepagepay_hubspot_sync_api_calls_total',
      (registry) => new Counter({ name: 'onepagepay_hubspot_sync_api_calls_total', help: 'HubSpot API calls made by the sync on this instance.', labelNames: ['operation', 'outcome'], registers: [registry] }),
    ),
    results: defineMetric(
      ctx,
      'onepagepay_hubspot_sync_results_total',
      (registry) => new Counter({ name: 'onepagepay_hubspot_sync_results_total', help: 'Payment sync attempts finished on this instance, by result.', labelNames: ['result'], registers: [registry] }),
    ),
    latency: defineMetric(
      ctx,
      'onepagepay_hubspot_sync_latency_seconds',
      (registry) =>
        new Histogram({
          name: 'onepagepay_hubspot_sync_latency_seconds',
          help: "Seconds from a payment's last change to HubSpot matching it.",
          buckets: [0.5, 1, 2, 5, 10, 30, 60, 300, 1800, 3600, 86_400],
          registers: [registry],
        }),
    ),
  };
}
