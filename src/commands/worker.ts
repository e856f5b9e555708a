import { openRuntime } from '../bootstrap.js';
import { ConfigError, type Config } from '../config.js';
import type { AppContext } from '../platform/http/types.js';
import { createLogger } from '../platform/logging/logger.js';
import { startWorkerHttp } from '../monitor/worker-http.js';
import { syncConfigOf } from '../sync/sync-config.js';
import { startBackgroundWork } from './background-work.js';

/**
 * In sandbox mode the stand-ins live inside `serve` (unless SANDBOX_*_URL name stand-ins run by
 * `onepagepay sandbox`): the worker asks it where they are (`GET {PUBLIC_URL}/sandbox.json`),
 * waiting up to `waitMs` for it to come up.
 */
async function sandboxUrlsOf(publicUrl: string, waitMs = 30_000): Promise<NonNullable<AppContext['sandboxUrls']>> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      const res = await fetch(`${publicUrl}/sandbox.json`, { signal: AbortSignal.timeout(5000) });
      if (res.ok) return (await res.json()) as NonNullable<AppContext['sandboxUrls']>;
      throw new Error(`HTTP ${res.status}`);
    } catch (err) {
      if (Date.now() > deadline) {
        throw new Error(
          `in sandbox mode the worker uses the stand-ins of \`onepagepay serve\`, but ${publicUrl}/sandbox.json could not be read (${(err as Error).message}). Start serve first, or set PUBLIC_URL to its address.`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

/**
 * `onepagepay worker`: the background work without the app server — the HubSpot sync, payments
 * reconciliation and the provider checks — for deployments that scale them apart from `serve`
 * (which runs them too). It listens on WORKER_PORT for GET /metrics, /healthz and /readyz only.
 * Any number of workers and servers share one PostgreSQL database; the embedded one (PGlite) can be
 * opened by a single process, so there `serve` does this work alone.
 */
export async function worker(config: Config) {
  if (!config.databaseUrl) {
    throw new ConfigError('DATABASE_URL', 'is required by `onepagepay worker`: workers share PostgreSQL with `serve` (with the embedded database, `serve` runs the sync itself)');
  }
  const sandboxUrls = config.sandbox ? (config.externalSandbox ?? (await sandboxUrlsOf(config.publicUrl))) : undefined;
  const runtime = await openRuntime(config, { jobs: true });
  const ctx: AppContext = { config, database: runtime.database, secretBox: runtime.secretBox, sandboxUrls };
  const log = createLogger(config.logLevel);
  const background = await startBackgroundWork(ctx, runtime.boss!, log);
  const http = await startWorkerHttp(ctx, config.workerPort, config.host);
  process.stdout.write(
    `OnePagePay worker running: HubSpot sync (${syncConfigOf(config).workers} loops), payments reconciliation and provider checks on PostgreSQL (DATABASE_URL)${sandboxUrls ? `, sandbox stand-ins ${config.externalSandbox ? `at ${sandboxUrls.stripe}, …` : `of ${config.publicUrl}`}` : ''}; GET /metrics, /healthz and /readyz at ${http.url}\n`,
  );

  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await http.close();
    await background.stop();
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}
