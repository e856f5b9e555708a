import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from '../db/connect.js';
import { installJobs, type Executor } from '../jobs/install-jobs.js';
import { pgliteExecutor } from '../jobs/boss.js';

/** migrations/ at the package root (same depth from src/ and dist/). */
export const migrationsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../migrations');

export interface Migration {
  version: string;
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dir = migrationsDir): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => {
      const sql = fs.readFileSync(path.join(dir, file), 'utf8');
      return {
        version: file.slice(0, 4),
        name: file.replace(/\.sql$/, ''),
        sql,
        checksum: crypto.createHash('sha256').update(sql).digest('hex'),
      };
    });
}

const bookkeeping = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version text PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`;

// Any constant works; it only has to be the same for every instance migrating this database.
const lockKey = 7_482_913_001;

/**
 * Applies pending migrations in order, each in its own transaction, under an advisory lock so
 * that instances starting together apply each migration once. An applied migration whose file
 * changed stops the process: migrations are append-only. Then pg-boss's tables and the app's
 * queues are installed (see installJobs).
 */
export async function migrate(database: Database, migrations = readMigrations()): Promise<string[]> {
  const applied: string[] = [];
  const run = async (exec: (sql: string) => Promise<void>, select: (sql: string) => Promise<Record<string, string>[]>, jobs: Executor) => {
    await exec(bookkeeping);
    const done = new Map((await select('SELECT version, checksum FROM schema_migrations')).map((r) => [r.version, r.checksum]));
    for (const migration of migrations) {
      const checksum = done.get(migration.version);
      if (checksum !== undefined) {
        if (checksum !== migration.checksum) {
          throw new Error(`Migration ${migration.name} was changed after it was applied; add a new migration instead.`);
        }
        continue;
      }
      const escaped = (value: string) => `'${value.replace(/'/g, "''")}'`;
      await exec(
        `BEGIN;\n${migration.sql}\n;INSERT INTO schema_migrations (version, name, checksum) VALUES (${escaped(migration.version)}, ${escaped(migration.name)}, ${escaped(migration.checksum)});\nCOMMIT;`,
      ).catch(async (err) => {
        await exec('ROLLBACK').catch(() => {});
        throw new Error(`Migration ${migration.name} failed: ${(err as Error).message}`);
      });
      applied.push(migration.name);
    }
    await installJobs(jobs);
  };

  if (database.pool) {
    const client = await database.pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [lockKey]);
      await run(
        async (sql) => void (await client.query(sql)),
        async (sql) => (await client.query(sql)).rows,
        { executeSql: async (text, values) => ({ rows: (await client.query(text, values)).rows }) },
      );
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [lockKey]).catch(() => {});
      client.release();
    }
  } else {
    const pglite = database.pglite!;
    await run(
      async (sql) => void (await pglite.exec(sql)),
      async (sql) => (await pglite.query<Record<string, string>>(sql)).rows,
      pgliteExecutor(database),
    );
  }
  return applied;
}

/** Versions in migrations/ that the database has not applied (empty when current). Throws when the database is unreachable. */
export async function pendingMigrations(database: Database, migrations = readMigrations()): Promise<string[]> {
  const { rows: exists } = await database.query<{ present: boolean }>(`SELECT to_regclass('schema_migrations') IS NOT NULL AS present`, []);
  if (!exists[0]?.present) return migrations.map((m) => m.name);
  const { rows } = await database.query<{ version: string }>('SELECT version FROM schema_migrations', []);
  const done = new Set(rows.map((r) => r.version));
  return migrations.filter((m) => !done.has(m.version)).map((m) => m.name);
}
