import crypto from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/platform/db/connect.js';
import { migrate } from '../../src/platform/db/migrate.js';

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

/** A fresh, migrated database: in-memory PGlite, or a new database on the PostgreSQL server dropped afterwards. */
export async function createTestDatabase(driver: Driver, options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  if (driver === 'pglite') {
    const database = await openDatabase({});
    if (options.migrate !== false) await migrate(database);
    return { database, close: () => database.close() };
  }
  const admin = new pg.Client({ connectionString: serverDatabaseUrl });
  await admin.connect();
  const name = `opp_test_${crypto.randomBytes(6).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverDatabaseUrl!);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 5 });
  if (options.migrate !== false) await migrate(database);
  return {
    database,
    url: url.toString(),
    async close() {
      await database.close();
      const cleanup = new pg.Client({ connectionString: serverDatabaseUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}
