import path from 'node:path';
import { Readable } from 'node:stream';
import type { EncryptionKey } from '../platform/crypto/secret-box.js';
import type { Database } from '../platform/db/connect.js';
import { ensurePrivateDir } from '../platform/private-dir.js';
import { writeBackupFile, type BackupHeader } from './backup-file.js';
import { backupFileName } from './backup-names.js';
import { checkDumpVersion, libpqEnvironment, runTool, toolVersion } from './pg-tools.js';

export interface BackupSource {
  /** The open database (PGlite is dumped through it; on PostgreSQL it gives the server's version). */
  database: Database;
  /** The owner login pg_dump connects with (DATABASE_URL); absent on the embedded database. */
  databaseUrl?: string;
  backupDir: string;
  keys: EncryptionKey[];
  pgBinDir?: string;
}

export interface BackupResult {
  file: string;
  size: number;
  header: Omit<BackupHeader, 'keyId' | 'iv'>;
}

/**
 * Writes one consistent, compressed, encrypted backup to BACKUP_DIR. PostgreSQL: `pg_dump
 * --format=custom`, which reads one snapshot of the whole database (pg-boss's jobs included) while
 * the app keeps running. Embedded: PGlite's dumpDataDir, taken between two statements after a
 * checkpoint; loading it replays the WAL to the last committed transaction.
 */
export async function createBackup(source: BackupSource, now = new Date()): Promise<BackupResult> {
  const { database } = source;
  ensurePrivateDir(source.backupDir);
  const file = path.join(source.backupDir, backupFileName(database.driver, now));
  const { rows } = await database.query<{ server: string; migrated: boolean }>(
    `SELECT current_setting('server_version') AS server, to_regclass('schema_migrations') IS NOT NULL AS migrated`,
  );
  const serverVersion = (rows[0]?.server ?? '').split(' ')[0]!;
  const migration = rows[0]?.migrated ? ((await database.query<{ name: string }>('SELECT max(name) AS name FROM schema_migrations')).rows[0]?.name ?? '') : '';

  if (database.driver === 'pglite') {
    await database.query('CHECKPOINT');
    const dump = await database.pglite!.dumpDataDir('gzip');
    const header = { driver: 'pglite' as const, content: 'pglite-datadir-tgz' as const, createdAt: now.toISOString(), tool: 'pglite dumpDataDir', serverVersion, migration };
    const size = await writeBackupFile(file, source.keys, header, Readable.from(Buffer.from(await dump.arrayBuffer())));
    return { file, size, header };
  }

  if (!source.databaseUrl) throw new Error('a PostgreSQL backup needs DATABASE_URL');
  const tool = await toolVersion('pg_dump', source.pgBinDir);
  checkDumpVersion(tool, Number(serverVersion.split('.')[0]), source.pgBinDir);
  const { dbname, env } = libpqEnvironment(source.databaseUrl);
  const dump = runTool('pg_dump', source.pgBinDir, ['--format=custom', '--compress=6', '--no-password', `--dbname=${dbname}`], env);
  const header = { driver: 'pg' as const, content: 'pg_dump-custom' as const, createdAt: now.toISOString(), tool: `pg_dump ${tool.text}`, serverVersion, migration };
  try {
    const size = await writeBackupFile(file, source.keys, header, dump.child.stdout!, dump.done);
    return { file, size, header };
  } catch (err) {
    dump.child.kill();
    throw err;
  }
}
