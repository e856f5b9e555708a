import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptBackupFile, writeBackupFile } from '../../src/backup/backup-file.js';
import { backupMetrics, backupNow, startScheduledBackups } from '../../src/backup/backup-job.js';
import { backupFileName, listBackups, pruneBackups } from '../../src/backup/backup-names.js';
import { checkDumpVersion } from '../../src/backup/pg-tools.js';
import { restoreBackup, RestoreRefusedError } from '../../src/backup/restore-backup.js';
import { newKey } from '../../src/platform/crypto/encryption-keys.js';
import { startJobs } from '../../src/platform/jobs/boss.js';
import { createTestDatabase, drivers, serverDatabaseUrl, type TestDatabase } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/harness.js';

const temp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'onepagepay-backups-'));
const sink = () =>
  new Writable({
    write(_chunk, _encoding, done) {
      done();
    },
  });
const header = { driver: 'pglite' as const, content: 'pglite-datadir-tgz' as const, createdAt: '2026-12-04T00:00:00.000Z', tool: 't', serverVersion: '17', migration: '0011_x' };

describe('backup files', () => {
  const dir = temp();
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const key = newKey();

  it('round-trips, and refuses a changed byte in the body or the header, or another key', async () => {
    const file = path.join(dir, 'a.backup');
    const secret = Buffer.from('buyer ada@example.com '.repeat(1000));
    await writeBackupFile(file, [key], header, Readable.from([secret]));
    expect(fs.readFileSync(file).includes('ada@example.com')).toBe(false);
    const chunks: Buffer[] = [];
    await decryptBackupFile(file, [newKey(), key], new Writable({ write: (c, _e, done) => (chunks.push(c), done()) }));
    expect(Buffer.concat(chunks).equals(secret)).toBe(true);

    const original = fs.readFileSync(file);
    const body = Buffer.from(original);
    body[body.length - 100]! ^= 1;
    fs.writeFileSync(file, body);
    await expect(decryptBackupFile(file, [key], sink())).rejects.toThrow(/failed its integrity check/);

    fs.writeFileSync(file, original.toString('latin1').replace('"migration":"0011_x"', '"migration":"0012_x"'), 'latin1');
    await expect(decryptBackupFile(file, [key], sink())).rejects.toThrow(/failed its integrity check/);

    fs.writeFileSync(file, original);
    const other = newKey();
    await expect(decryptBackupFile(file, [other], sink())).rejects.toThrow(new RegExp(`encrypted with key "${key.id}".*keys: ${other.id}`));
    fs.writeFileSync(path.join(dir, 'not-a-backup'), 'hello\n'.repeat(10));
    await expect(decryptBackupFile(path.join(dir, 'not-a-backup'), [key], sink())).rejects.toThrow(/is not a OnePagePay backup/);
  });

  it('leaves nothing behind when the source fails half-way', async () => {
    const file = path.join(dir, 'failed.backup');
    const failing = Readable.from(
      (async function* () {
        yield Buffer.from('first part');
        throw new Error('pg_dump died');
      })(),
    );
    await expect(writeBackupFile(file, [key], header, failing)).rejects.toThrow(/pg_dump died/);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('failed'))).toEqual([]);
    // The same when the source ends cleanly but its process reports failure.
    await expect(writeBackupFile(file, [key], header, Readable.from([Buffer.from('x')]), Promise.reject(new Error('exit 1')))).rejects.toThrow(/exit 1/);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('failed'))).toEqual([]);
  });

  it('keeps BACKUP_RETENTION_DAYS of backups, always the newest, and leaves other files alone', () => {
    const retention = temp();
    const now = new Date('2026-12-10T03:30:00Z');
    const day = 24 * 3600 * 1000;
    const names = [0.5, 3, 6.9, 7.1, 20].map((days) => backupFileName('pg', new Date(now.getTime() - days * day)));
    for (const name of [...names, 'notes.txt', 'onepagepay-old.dump']) fs.writeFileSync(path.join(retention, name), 'x');
    const fresh = path.join(retention, `${names[0]}.partial`);
    fs.writeFileSync(fresh, 'x');
    fs.utimesSync(fresh, now, now);
    const stale = path.join(retention, `${backupFileName('pg', new Date(now.getTime() - 2 * day))}.partial`);
    fs.writeFileSync(stale, 'x');
    fs.utimesSync(stale, new Date(now.getTime() - 2 * day), new Date(now.getTime() - 2 * day));

    const deleted = pruneBackups(retention, 7, now).map((f) => path.basename(f));
    expect(deleted.sort()).toEqual([names[3], names[4], path.basename(stale)].sort());
    expect(listBackups(retention).map((b) => path.basename(b.file))).toEqual(names.slice(0, 3));
    expect(fs.existsSync(path.join(retention, 'notes.txt'))).toBe(true);

    // Backups failing for longer than the retention: the newest is kept however old.
    const lonely = temp();
    const old = backupFileName('pglite', new Date(now.getTime() - 30 * day));
    fs.writeFileSync(path.join(lonely, old), 'x');
    expect(pruneBackups(lonely, 7, now)).toEqual([]);
    expect(fs.readdirSync(lonely)).toEqual([old]);
  });

  it('says which PostgreSQL client to install when pg_dump is older than the server', () => {
    expect(() => checkDumpVersion({ text: '14.9', major: 14 }, 15)).toThrow(/pg_dump 14.9 cannot back up a PostgreSQL 15 server.*postgresql-client-15.*PG_BIN_DIR/);
    expect(() => checkDumpVersion({ text: '15.20', major: 15 }, 15)).not.toThrow();
    expect(() => checkDumpVersion({ text: '16.1', major: 16 }, 15)).not.toThrow();
  });
});

describe('restore refuses what it would destroy (pglite)', () => {
  let t: TestApp;
  const dir = temp();
  beforeAll(async () => {
    t = await startTestApp('pglite');
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('an occupied DATA_DIR without --force, a PostgreSQL target; with --force the old database is moved aside', async () => {
    const config = { ...t.ctx.config, backupDir: path.join(dir, 'backups') };
    const { file } = await backupNow({ config, database: t.ctx.database, secretBox: t.ctx.secretBox });
    const keys = t.ctx.secretBox.keys;
    const dataDir = path.join(dir, 'data');
    await restoreBackup(file, { dataDir, keys });
    const marker = path.join(dataDir, 'pglite', 'PG_VERSION');
    const before = fs.statSync(marker).mtimeMs;

    await expect(restoreBackup(file, { dataDir, keys })).rejects.toThrow(RestoreRefusedError);
    await expect(restoreBackup(file, { dataDir, keys })).rejects.toThrow(/already holds a database.*--force/);
    expect(fs.statSync(marker).mtimeMs).toBe(before);
    await expect(restoreBackup(file, { databaseUrl: 'postgres://nobody@127.0.0.1:1/none', dataDir, keys })).rejects.toThrow(/backup of the embedded database/);

    const forced = await restoreBackup(file, { dataDir, keys, force: true });
    expect(forced.movedAside).toMatch(/pglite\.before-restore-/);
    expect(fs.existsSync(path.join(forced.movedAside!, 'PG_VERSION'))).toBe(true);
    expect(fs.existsSync(marker)).toBe(true);
  });
});

describe.runIf(serverDatabaseUrl)('restore --force on PostgreSQL', () => {
  let t: TestApp;
  let target: TestDatabase;
  const dir = temp();
  beforeAll(async () => {
    t = await startTestApp('pg');
    target = await createTestDatabase('pg');
  });
  afterAll(async () => {
    await t?.close();
    await target?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a non-empty database, and puts it back as it was when pg_restore fails', async () => {
    const config = { ...t.ctx.config, databaseUrl: t.databaseUrl, backupDir: path.join(dir, 'backups') };
    const { file } = await backupNow({ config, database: t.ctx.database, secretBox: t.ctx.secretBox });
    const keys = t.ctx.secretBox.keys;
    await target.database.query(`CREATE TABLE keep_me (note text); INSERT INTO keep_me VALUES ('still here')`);

    await expect(restoreBackup(file, { databaseUrl: target.url, dataDir: dir, keys })).rejects.toThrow(/not empty.*--force/);

    // A pg_restore that fails after starting: the moved-aside schemas come back.
    const bin = path.join(dir, 'bin');
    fs.mkdirSync(bin);
    fs.writeFileSync(path.join(bin, 'pg_restore'), '#!/bin/sh\nif [ "$1" = "--version" ]; then echo "pg_restore (PostgreSQL) 99.0"; exit 0; fi\necho "disk full" >&2\nexit 1\n', { mode: 0o755 });
    await expect(restoreBackup(file, { databaseUrl: target.url, dataDir: dir, keys, pgBinDir: bin, force: true })).rejects.toThrow(/pg_restore failed.*disk full/);
    expect((await target.database.query(`SELECT note FROM keep_me`)).rows).toEqual([{ note: 'still here' }]);
    expect((await target.database.query(`SELECT count(*)::int AS n FROM schema_migrations`)).rows[0]).toMatchObject({ n: expect.any(Number) });

    // With the real pg_restore, --force replaces it.
    await restoreBackup(file, { databaseUrl: target.url, dataDir: dir, keys, force: true });
    expect((await target.database.query(`SELECT to_regclass('public.keep_me') AS t`)).rows[0]).toEqual({ t: null });
    const { rows } = await target.database.query<{ nspname: string }>(`SELECT nspname FROM pg_namespace WHERE nspname LIKE '%before_restore'`);
    expect(rows).toEqual([]);
  });
});

describe.each(drivers)('the scheduled backup (%s)', (driver) => {
  let t: TestApp;
  const dir = temp();
  beforeAll(async () => {
    t = await startTestApp(driver, { BACKUP_SCHEDULE: '45 2 * * *' });
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is registered on BACKUP_SCHEDULE; a run writes a backup, a failed run is counted and retried', async () => {
    const backupDir = path.join(dir, 'backups');
    const ctx = { ...t.ctx, config: { ...t.ctx.config, databaseUrl: t.databaseUrl, backupDir } };
    const boss = await startJobs(t.ctx.database, { schedule: false, supervise: false });
    const job = await startScheduledBackups(ctx, boss);
    const counted = async (result: string) => ((await backupMetrics(ctx).get()).values.find((v) => v.labels.result === result)?.value ?? 0);
    try {
      expect((await boss.getSchedules()).filter((s) => s.name === 'backup')).toMatchObject([{ cron: '45 2 * * *', timezone: 'UTC' }]);
      await boss.send('backup', {}); // what the cron does at 02:45 UTC
      await expect.poll(() => listBackups(backupDir).length, { timeout: 30_000, interval: 200 }).toBe(1);
      await expect.poll(() => counted('succeeded')).toBe(1);
      const metrics = await t.app.inject({ method: 'GET', url: '/metrics' });
      expect(metrics.body).toMatch(/onepagepay_backup_last_success_timestamp_seconds \d+/);

      // BACKUP_DIR where a file is: the run fails, is counted, and waits for its retry.
      ctx.config.backupDir = path.join(dir, 'a-file');
      fs.writeFileSync(ctx.config.backupDir, 'x');
      const id = await boss.send('backup', {});
      await expect.poll(() => counted('failed'), { timeout: 30_000, interval: 200 }).toBe(1);
      await expect.poll(async () => (await boss.getJobById('backup', id!))?.state).toBe('retry');
    } finally {
      await job.stop();
      await boss.stop({ graceful: false, wait: true });
    }
  }, 90_000);
});
