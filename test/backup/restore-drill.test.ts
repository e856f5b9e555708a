import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupNow } from '../../src/backup/backup-job.js';
import { restoreBackup } from '../../src/backup/restore-backup.js';
import { openDatabase, type Database } from '../../src/platform/db/connect.js';
import { createTestDatabase, drivers, type TestDatabase } from '../helpers/databases.js';
import { Buyer, createMerchant, listenOnFreePort, relaxedCheckoutLimits, startCheckoutWorld, type CheckoutWorld } from '../helpers/checkout.js';
import { startTestApp } from '../helpers/harness.js';
import { connectHubSpot } from '../sync/sync-world.js';

/**
 * Every table of ours (the app's and pg-boss's), with its row count and a checksum of its rows.
 * pg-boss's `updated_on` is left out: restore runs the migrations, which re-save each queue's options.
 */
async function fingerprint(database: Database) {
  const { rows: tables } = await database.query<{ name: string }>(
    `SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables WHERE schemaname IN ('public', 'pgboss') ORDER BY 1`,
  );
  const result: Record<string, { rows: number; checksum: string }> = {};
  for (const { name } of tables) {
    const { rows } = await database.query<{ n: number; sum: string }>(
      `SELECT count(*)::int AS n, coalesce(md5(string_agg(r, '|' ORDER BY r)), '') AS sum FROM (SELECT (to_jsonb(t) - 'updated_on')::text AS r FROM ${name} t) rows`,
    );
    result[name] = { rows: rows[0]!.n, checksum: rows[0]!.sum };
  }
  return result;
}

/**
 * The restore drill: a deployment with accounts, payments, a refund, HubSpot sync state and sealed
 * provider credentials is backed up and restored into a fresh database; every table matches, and
 * a server started on the copy opens the credentials and takes a new payment.
 */
describe.each(drivers)('backup and restore drill (%s)', (driver) => {
  let world: CheckoutWorld;
  let restored: TestDatabase | undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onepagepay-drill-'));
  beforeAll(async () => {
    world = await startCheckoutWorld(driver);
  }, 60_000);
  afterAll(async () => {
    await world?.close();
    await restored?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('restores every row, and the restored server decrypts its credentials and completes a new payment', async () => {
    const merchants = [await createMerchant(world.t), await createMerchant(world.t)];
    await connectHubSpot(merchants[0]!);
    const paid: string[] = [];
    for (const merchant of merchants) {
      const buyer = new Buyer(world, merchant);
      for (let i = 0; i < 2; i++) {
        const { payment, completed } = await buyer.buy();
        expect(completed.status).toBe('succeeded');
        paid.push(payment.id);
      }
    }
    const refund = await merchants[0]!.client.request('POST', `/api/v1/transactions/${paid[0]}/refunds`, { amount: 1000 });
    expect(refund.statusCode, refund.body).toBe(201);

    // Every webhook the stand-in still has to deliver (the refund's, the payments') is delivered and
    // answered before the snapshot: nothing writes to the database while the drill compares it.
    await fetch(`${world.sandbox.urls.stripe}/__sandbox/stripe/webhook_deliveries/flush`, { method: 'POST' });
    const source = world.t.ctx.database;
    const before = await fingerprint(source);
    // What the drill must carry: not an empty database.
    expect(before['public.transactions']!.rows).toBe(4);
    expect(before['public.refunds']!.rows).toBe(1);
    expect(before['public.provider_connections']!.rows).toBe(3);
    const { rows: jobs } = await source.query<{ n: number }>(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'hubspot-sync'`);
    expect(jobs[0]!.n).toBeGreaterThan(0);

    const config = { ...world.t.ctx.config, databaseUrl: world.t.databaseUrl, backupDir: path.join(dir, 'backups') };
    const backup = await backupNow({ config, database: source, secretBox: world.t.ctx.secretBox });
    expect(backup.size).toBeGreaterThan(1000);
    const bytes = fs.readFileSync(backup.file);
    // Encrypted: no buyer's email or stored credential in clear anywhere in the file.
    expect(bytes.includes('ada@example.com')).toBe(false);
    expect(bytes.includes('T-shirt')).toBe(false);

    const keys = world.t.ctx.secretBox.keys;
    if (driver === 'pg') {
      restored = await createTestDatabase('pg', { migrate: false });
      await restoreBackup(backup.file, { databaseUrl: restored.url, dataDir: dir, keys });
    } else {
      const dataDir = path.join(dir, 'restored');
      await restoreBackup(backup.file, { dataDir, keys });
      const database = await openDatabase({ dataDir });
      restored = { database, close: () => database.close() };
    }
    const after = await fingerprint(restored.database);
    expect(after).toEqual(before);

    // A server on the restored database, with the same keys, against the same stand-ins.
    const copy = restored;
    const { t, url } = await listenOnFreePort((publicUrl) =>
      startTestApp(driver, { PUBLIC_URL: publicUrl, ...relaxedCheckoutLimits }, { sandboxUrls: world.sandbox.urls, database: { ...copy, close: async () => {} }, keys }),
    );
    try {
      const buyer = new Buyer({ sandbox: world.sandbox, t, baseUrl: url, close: async () => {} }, merchants[1]!);
      const { payment, completed } = await buyer.buy();
      expect(completed.status).toBe('succeeded');
      const { rows } = await copy.database.query<{ id: string; status: string }>(`SELECT id, status FROM transactions WHERE account_id = $1 ORDER BY created_at`, [
        merchants[1]!.accountId,
      ]);
      expect(rows.map((r) => r.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
      expect(rows.at(-1)!.id).toBe(payment.id);
    } finally {
      t.app.server.closeAllConnections();
      await t.close();
    }
  }, 120_000);
});
