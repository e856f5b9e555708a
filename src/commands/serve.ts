import path from 'node:path';
import type { Config } from '../config.js';
import { openRuntime } from '../bootstrap.js';
import { buildServer } from '../server.js';
import type { SandboxUrls } from '../platform/http/schemas.js';
import { startBackgroundWork } from './background-work.js';
import { ensureDemoAccount } from '../demo/demo-account.js';

/** `onepagepay serve` (what `npm start` runs). */
export async function serve(config: Config) {
  let sandbox: { urls: SandboxUrls; close(): Promise<void> } | undefined;
  if (config.sandbox && config.externalSandbox) {
    sandbox = { urls: config.externalSandbox, close: async () => {} };
  } else if (config.sandbox) {
    const { startSandbox, sandboxUrlsForApp } = await import('../sandbox/start-sandbox.js');
    // The stand-ins keep their data in DATA_DIR, so a restarted sandbox is the same sandbox as the database remembers.
    const running = await startSandbox({ stateFile: path.join(config.dataDir, 'sandbox-state.json') });
    sandbox = { urls: sandboxUrlsForApp(running), close: () => running.close() };
  }
  const runtime = await openRuntime(config, { jobs: true });
  const ctx = { config, database: runtime.database, secretBox: runtime.secretBox, sandboxUrls: sandbox?.urls, lifecycle: { draining: false } };
  const app = await buildServer(ctx);
  await app.listen({ port: config.port, host: config.host });
  const background = await startBackgroundWork(ctx, runtime.boss!, app.log);

  const demo = await ensureDemoAccount(ctx).catch((err: Error) => {
    app.log.warn({ err }, 'the demo account could not be set up');
    return null;
  });

  const lines = [
    `OnePagePay is running on ${config.publicUrl}`,
    `  database: ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}`}`,
    config.sandbox
      ? `  sandbox mode: on (${config.sandboxReason}): providers are local stand-ins (${config.publicUrl}/sandbox.json)`
      : `  sandbox mode: off (${config.sandboxReason}): connect real Stripe, HubSpot and PayPal in the dashboard`,
    `  health: ${config.publicUrl}/healthz · API: ${config.publicUrl}/api/openapi.json`,
    `  create a sign-in: npx onepagepay create-account --email you@example.com --password '…'${config.sandbox ? ' [--sandbox]' : ''}`,
    ...(demo
      ? [
          `  demo: sign in as ${demo.email} with password ${demo.password ?? '(printed at the first start; see DATA_DIR/demo-account.json)'}`,
          `  demo page (pay with 4242 4242 4242 4242, any future date, any CVC, or with PayPal): ${demo.shop.demoUrl}`,
        ]
      : []),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  let closing = false;
  /**
   * SIGTERM (a container stop, a rolling update): /readyz turns 503 at once so load balancers stop
   * sending new requests, the instance keeps serving for SHUTDOWN_DRAIN_SECONDS, then the server
   * closes (no new connections; requests in flight finish). SIGINT (Ctrl-C) skips the wait.
   */
  const shutdown = async (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    ctx.lifecycle.draining = true;
    if (signal === 'SIGTERM' && config.shutdownDrainSeconds > 0) await new Promise((resolve) => setTimeout(resolve, config.shutdownDrainSeconds * 1000));
    await app.close();
    await background.stop();
    await runtime.close();
    await sandbox?.close();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}
