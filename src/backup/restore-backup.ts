import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { EncryptionKey } from '../platform/crypto/secret-box.js';
import { openDatabase, type Database } from '../platform/db/connect.js';
import { lockEmbeddedDatabase } from '../platform/db/embedded-lock.js';
import { appRole } from '../platform/db/tenant.js';
import { ensurePrivateDir } from '../platform/private-dir.js';
import { migrate } from '../platform/schema/migrate.js';
import { decryptBackupFile, readBackupHeader, type BackupHeader } from './backup-file.js';
import { fileStamp } from './backup-names.js';
import { libpqEnvironment, PgToolError, runTool, toolVersion } from './pg-tools.js';

export interface RestoreTarget {
  /** PostgreSQL (DATABASE_URL, the owner login); absent: the embedded database in dataDir. */
  databaseUrl?: string;
  dataDir: string;
  keys: EncryptionKey[];
  pgBinDir?: string;
  /** Replace what the target holds (PostgreSQL: its schemas are dropped once the restore succeeded; embedded: the old folder is moved aside). */
  force?: boolean;
}

export interface RestoreResult {
  header: BackupHeader;
  /** Migrations applied after the restore (a backup from an older version). */
  applied: string[];
  /** Embedded with force: where the database that was there went. */
  movedAside?: string;
}

/** The target is not empty and `force` was not given: nothing was changed. */
export class RestoreRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RestoreRefusedError';
  }
}

/**
 * Restores a backup into an empty database, then runs the migrations. The file is decrypted and
 * its integrity checked before anything in the target changes; PostgreSQL restores in one
 * transaction (all or nothing).
 */
export async function restoreBackup(file: string, target: RestoreTarget): Promise<RestoreResult> {
  const { header } = await readBackupHeader(file);
  const driver = target.databaseUrl ? 'pg' : 'pglite';
  if (header.driver !== driver) {
    throw new RestoreRefusedError(
      header.driver === 'pg'
        ? `${file} is a PostgreSQL backup: restore it with DATABASE_URL set to an empty PostgreSQL database.`
        : `${file} is a backup of the embedded database: restore it without DATABASE_URL, into an empty DATA_DIR.`,
    );
  }
  return driver === 'pg' ? restorePostgres(file, header, target) : restoreEmbedded(file, target);
}

/** Tables and other relations outside PostgreSQL's own schemas. */
async function relationCount(database: Database): Promise<number> {
  const { rows } = await database.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'`,
  );
  return rows[0]?.count ?? 0;
}

async function restorePostgres(file: string, header: BackupHeader, target: RestoreTarget): Promise<RestoreResult> {
  const dumpMajor = Number(/(\d+)/.exec(header.tool)?.[1] ?? 0);
  const tool = await toolVersion('pg_restore', target.pgBinDir);
  if (tool.major < dumpMajor) {
    throw new PgToolError(`pg_restore ${tool.text} cannot read a backup written by ${header.tool}: install postgresql-client-${dumpMajor} or newer (or set PG_BIN_DIR).`);
  }
  const database = await openDatabase({ databaseUrl: target.databaseUrl, poolSize: 2 });
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'onepagepay-restore-'));
  try {
    const relations = await relationCount(database);
    if (relations > 0 && !target.force) {
      throw new RestoreRefusedError(
        `the database is not empty (${relations} tables, indexes or sequences): restore into a new, empty database, or pass --force to replace everything it holds.`,
      );
    }
    const dump = path.join(temp, 'database.dump');
    await decryptBackupFile(file, target.keys, fs.createWriteStream(dump, { mode: 0o600 }));
    // Roles belong to the server, not to a database: the dump grants to onepagepay_app, so it must exist.
    // (The same statements as migrations/0001_foundation.sql, which cannot be rerun on its own.)
    await database.query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${appRole}') THEN
        CREATE ROLE ${appRole} NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
      END IF;
    END $$; GRANT ${appRole} TO CURRENT_USER;`);
    const { dbname, env } = libpqEnvironment(target.databaseUrl!);
    // pg_restore runs in one transaction; with --force, what was there is first moved aside (its
    // schemas renamed) and only dropped once the restore succeeded, or moved back if it failed.
    const aside = relations > 0 ? await moveSchemasAside(database) : [];
    try {
      await runTool('pg_restore', target.pgBinDir, ['--exit-on-error', '--single-transaction', '--no-owner', '--no-password', `--dbname=${dbname}`, dump], env).done;
    } catch (err) {
      await moveSchemasBack(database, aside);
      throw err;
    }
    for (const { renamed } of aside) await database.query(`DROP SCHEMA ${quote(renamed)} CASCADE`);
    const applied = await migrate(database);
    return { header, applied };
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
    await database.close();
  }
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Every schema of ours renamed to `<name>_before_restore`, and an empty `public` in its place. */
async function moveSchemasAside(database: Database): Promise<{ name: string; renamed: string }[]> {
  const { rows } = await database.query<{ name: string }>(
    `SELECT nspname AS name FROM pg_namespace WHERE nspname NOT IN ('pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg\\_%' AND nspname NOT LIKE '%\\_before\\_restore'`,
  );
  const moved = rows.map(({ name }) => ({ name, renamed: `${name}_before_restore` }));
  await database.query(
    `BEGIN; ${moved.map((m) => `DROP SCHEMA IF EXISTS ${quote(m.renamed)} CASCADE; ALTER SCHEMA ${quote(m.name)} RENAME TO ${quote(m.renamed)};`).join(' ')} CREATE SCHEMA public; COMMIT;`,
  );
  return moved;
}

async function moveSchemasBack(database: Database, moved: { name: string; renamed: string }[]) {
  if (moved.length === 0) return;
  await database.query(
    `BEGIN; DROP SCHEMA public CASCADE; ${moved.map((m) => `ALTER SCHEMA ${quote(m.renamed)} RENAME TO ${quote(m.name)};`).join(' ')} COMMIT;`,
  );
}

async function restoreEmbedded(file: string, target: RestoreTarget): Promise<RestoreResult> {
  const folder = path.join(target.dataDir, 'pglite');
  ensurePrivateDir(target.dataDir);
  const unlock = lockEmbeddedDatabase(target.dataDir);
  let movedAside: string | undefined;
  let dump: Blob;
  let header: BackupHeader;
  try {
    const occupied = fs.existsSync(folder) && fs.readdirSync(folder).length > 0;
    if (occupied && !target.force) {
      throw new RestoreRefusedError(`${folder} already holds a database: restore into an empty DATA_DIR, or pass --force to move that one aside first.`);
    }
    const chunks: Buffer[] = [];
    header = await decryptBackupFile(
      file,
      target.keys,
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          chunks.push(chunk);
          done();
        },
      }),
    );
    dump = new Blob(chunks.map((chunk) => new Uint8Array(chunk)));
    if (occupied) {
      movedAside = `${folder}.before-restore-${fileStamp(new Date())}`;
      fs.renameSync(folder, movedAside);
    }
  } finally {
    unlock();
  }
  const database = await openDatabase({ dataDir: target.dataDir, template: dump });
  try {
    const applied = await migrate(database);
    return { header, applied, ...(movedAside ? { movedAside } : {}) };
  } finally {
    await database.close();
  }
}
