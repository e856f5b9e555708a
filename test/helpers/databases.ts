import crypto from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../src/platform/db/connect.js';
import { migrate } from '../../src/platform/schema/migrate.js';

export type Driver = 'pglite' | 'pg';

/** The server PostgreSQL tests also run against, when the environment names one. */
export const serverDatabaseUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;

/** PGlite always; PostgreSQL too when DATABASE_URL or TEST_DATABASE_URL is set. */
export const drivers: Driver[] = serverDatabaseUrl ? ['pglite', 'pg'] : ['pglite'];

export interface TestDatabase {
  database: Database;
  url?: string;
  close(): Promise<void>;
}

/** The migrated templates of this run (test/helpers/template-databases.ts); none outside vitest (benches). */
function templates() {
  if (!process.env.VITEST) return { pgliteFile: '', pgDatabase: '' };
  return { pgliteFile: inject('pgliteTemplateFile') ?? '', pgDatabase: inject('pgTemplateDatabase') ?? '' };
}

/**
 * The template's bytes, handed to PGlite (which reads them with `arrayBuffer()`) as a copy of a
 * buffer: Node 20's own Blob.arrayBuffer() takes about a quarter of a second for the 43 MB dump,
 * at every test file's database (bench/README.md).
 */
class TemplateBlob extends Blob {
  constructor(private readonly contents: Buffer) {
    super([]);
  }
  override arrayBuffer(): Promise<ArrayBuffer> {
    return Promise.resolve(new Uint8Array(this.contents).buffer);
  }
}

let pgliteTemplate: Blob | undefined;
function pgliteTemplateBlob(file: string): Blob {
  pgliteTemplate ??= new TemplateBlob(fs.readFileSync(file));
  return pgliteTemplate;
}

/** Runs one statement on the server's maintenance connection (CREATE/DROP DATABASE). */
export async function adminQuery(sql: string) {
  const admin = new pg.Client({ connectionString: serverDatabaseUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/**
 * A fresh, migrated database of its own: in-memory PGlite, or a new database on the PostgreSQL
 * server dropped afterwards. Under vitest it is a copy of the run's migrated template; with
 * `migrate: false` it is empty. A PostgreSQL pool has 5 connections unless `poolSize` says otherwise.
 */
export async function createTestDatabase(driver: Driver, options: { migrate?: boolean; poolSize?: number } = {}): Promise<TestDatabase> {
  const wantMigrated = options.migrate !== false;
  const { pgliteFile, pgDatabase } = templates();
  if (driver === 'pglite') {
    const fromTemplate = wantMigrated && pgliteFile !== '';
    const database = await openDatabase(fromTemplate ? { template: pgliteTemplateBlob(pgliteFile) } : {});
    if (wantMigrated && !fromTemplate) await migrate(database);
    return { database, close: () => database.close() };
  }
  const name = `opp_test_${crypto.randomBytes(6).toString('hex')}`;
  const fromTemplate = wantMigrated && pgDatabase !== '';
  await adminQuery(`CREATE DATABASE ${name}${fromTemplate ? ` TEMPLATE ${pgDatabase}` : ''}`);
  const url = new URL(serverDatabaseUrl!);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: options.poolSize ?? 5 });
  if (wantMigrated && !fromTemplate) await migrate(database);
  return {
    database,
    url: url.toString(),
    async close() {
      await database.close();
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
