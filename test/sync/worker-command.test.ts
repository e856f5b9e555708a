import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatKeyRing } from '../../src/platform/crypto/encryption-keys.js';
import { cliEntry, repoRoot, runCli } from '../helpers/cli.js';
import { serverDatabaseUrl } from '../helpers/databases.js';
import { Buyer, createMerchant } from '../helpers/checkout.js';
import { allSynced, connectHubSpot, startSyncWorld, waitUntil, type SyncWorld } from './sync-world.js';


describe('onepagepay worker', () => {
  it('refuses the embedded database (one process only) with a message naming DATABASE_URL, exit 78', { timeout: 60_000 }, async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opp-worker-'));
    try {
      const result = await runCli(['worker'], { DATA_DIR: dataDir });
      expect(result.code).toBe(78);
      expect(result.stderr).toMatch(/DATABASE_URL is required by `onepagepay worker`/);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  describe.skipIf(!serverDatabaseUrl)('with PostgreSQL', () => {
    let world: SyncWorld;
    afterAll(() => world?.close());

    it('syncs a payment taken by the server, using the server’s sandbox stand-ins, answers /metrics with its own counters, and stops cleanly on SIGTERM', { timeout: 120_000 }, async () => {
      world = await startSyncWorld('pg', {}, { worker: false });
      const merchant = await createMerchant(world.t);
      const portalId = await connectHubSpot(merchant);
      const { payment } = await new Buyer(world, merchant).buy();

      const child = spawn(process.execPath, [cliEntry, 'worker'], {
        cwd: repoRoot,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: os.tmpdir(),
          DATABASE_URL: (world.t.ctx.database.pool!.options as { connectionString: string }).connectionString,
          ENCRYPTION_KEY: formatKeyRing(world.t.ctx.secretBox.keys),
          PUBLIC_URL: world.baseUrl,
          SANDBOX: '1',
          SYNC_POLL_MS: '50',
          LOG_LEVEL: 'warn',
          HOST: '127.0.0.1',
          WORKER_PORT: '0',
          METRICS_TOKEN: 'worker-metrics-token',
        },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => (stdout += chunk));
      child.stderr.on('data', (chunk) => (stderr += chunk));
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      try {
        await waitUntil('the worker is running', async () => stdout.includes('OnePagePay worker running'), 60_000).catch((err: Error) => {
          throw new Error(`${err.message}\nstdout: ${stdout}\nstderr: ${stderr}`);
        });
        await waitUntil('the payment is synced by the worker process', () => allSynced(world, [payment.id]), 30_000);
        const deals = (await world.hubspot.records(portalId, 'deals')).filter((d) => d.properties.onepagepay_payment_id === payment.id);
        expect(deals).toHaveLength(1);

        // Its own listener: the sync it ran shows in its metrics, behind METRICS_TOKEN like serve's.
        const base = /GET \/metrics, \/healthz and \/readyz at (http:\/\/\S+)/.exec(stdout)![1]!;
        const refused = await fetch(`${base}/metrics`);
        expect(refused.status).toBe(401);
        expect((await refused.json()) as unknown).toMatchObject({ error: { code: 'unauthenticated' } });
        const metrics = await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer worker-metrics-token' } });
        expect(metrics.status).toBe(200);
        expect(await metrics.text()).toMatch(/^onepagepay_hubspot_sync_results_total\{result="synced"\} 1$/m);
        expect((await fetch(`${base}/healthz`)).status).toBe(200);
        expect(await (await fetch(`${base}/readyz`)).json()).toEqual({ status: 'ready', database: 'ok' });
        expect((await fetch(`${base}/api/v1/me`)).status).toBe(404);
      } finally {
        child.kill('SIGTERM');
      }
      expect(await exited).toBe(0);
    });
  });
});
