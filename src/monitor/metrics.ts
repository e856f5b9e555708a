import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry, type Metric } from 'prom-client';
import type { Database } from '../platform/db/connect.js';

export interface AppMetrics {
  /** Everything GET /metrics exposes for this app (one registry per database, so test apps do not share). */
  registry: Registry;
  /** Seconds a provider check took, by provider and kind (`connection` | `reachability`). */
  providerCheckSeconds: Histogram<'provider' | 'kind'>;
  /** Checks run by this instance, by provider, kind and result (`up` | `down`). */
  providerChecks: Counter<'provider' | 'kind' | 'result'>;
}

const byDatabase = new WeakMap<Database, AppMetrics>();

/**
 * The metrics of the app using this database, created on first use. Provider up/down gauges are read
 * from the stored check results at scrape time, so every instance reports the same. Other modules
 * add theirs with `defineMetric` (e.g. the sync queue's depth, failures and latency).
 */
export function appMetrics(ctx: { database: Database }): AppMetrics {
  const existing = byDatabase.get(ctx.database);
  if (existing) return existing;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const database = ctx.database;

  new Gauge({
    name: 'onepagepay_provider_up',
    help: 'Whether this deployment reaches the provider (1 up, 0 down), from the latest reachability check; absent before the first check.',
    labelNames: ['provider'],
    registers: [registry],
    async collect() {
      this.reset();
      const { rows } = await database.query<{ provider: string; status: string }>(`SELECT provider, status FROM provider_reachability WHERE status <> 'unknown'`, []);
      for (const row of rows) this.set({ provider: row.provider }, row.status === 'up' ? 1 : 0);
    },
  });
  new Gauge({
    name: 'onepagepay_provider_connections',
    help: 'Merchant connections by provider, mode and the status of their latest check (up, down, unknown).',
    labelNames: ['provider', 'mode', 'status'],
    registers: [registry],
    async collect() {
      this.reset();
      const { rows } = await database.query<{ provider: string; mode: string; status: string; count: number }>(
        `SELECT c.provider, c.mode, coalesce(s.status, 'unknown') AS status, count(*)::int AS count
           FROM provider_connections c
           LEFT JOIN provider_status s ON s.account_id = c.account_id AND s.mode = c.mode AND s.provider = c.provider
          GROUP BY 1, 2, 3`,
        [],
      );
      for (const row of rows) this.set({ provider: row.provider, mode: row.mode, status: row.status }, row.count);
    },
  });

  const metrics: AppMetrics = {
    registry,
    providerCheckSeconds: new Histogram({
      name: 'onepagepay_provider_check_duration_seconds',
      help: 'How long provider checks run by this instance took.',
      labelNames: ['provider', 'kind'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    providerChecks: new Counter({
      name: 'onepagepay_provider_checks_total',
      help: 'Provider checks run by this instance, by result.',
      labelNames: ['provider', 'kind', 'result'],
      registers: [registry],
    }),
  };
  byDatabase.set(ctx.database, metrics);
  return metrics;
}

/** Registers a metric once per app and returns it (the same object on later calls with that name). */
export function defineMetric<M extends Metric>(ctx: { database: Database }, name: string, create: (registry: Registry) => M): M {
  const { registry } = appMetrics(ctx);
  return (registry.getSingleMetric(name) as M | undefined) ?? create(registry);
}
