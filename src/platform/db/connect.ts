import path from 'node:path';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { ensurePrivateDir } from '../private-dir.js';
import { lockEmbeddedDatabase } from './embedded-lock.js';
import * as schema from './schema.js';

export type Drizzle = PgDatabase<PgQueryResultHKT, typeof schema>;

/** Runs raw SQL: statements without parameters may hold several commands. */
export interface SqlExecutor {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: T[] }>;
}

export interface Database extends SqlExecutor {
  driver: 'pg' | 'pglite';
  /** Drizzle over the owner connection (system scope; request code uses withTenant). */
  db: Drizzle;
  /**
   * PostgreSQL with DATABASE_APP_URL: tenant transactions (withTenant) run on this pool, logged in
   * as a role that has only the request role's rights, so no statement there can switch back to
   * the owner. Absent on the embedded database and without DATABASE_APP_URL (SET ROLE is used).
   */
  tenantDb?: Drizzle;
  /** The raw client, for pg-boss and backups. */
  pool?: pg.Pool;
  pglite?: PGlite;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string;
  /** A second PostgreSQL login for request traffic (DATABASE_APP_URL), a member of onepagepay_app only. */
  appDatabaseUrl?: string;
  /** Folder for the embedded database; absent with no databaseUrl means in memory. */
  dataDir?: string;
  poolSize?: number;
  /** The embedded database starts as a copy of this dump (PGlite's dumpDataDir); tests use a migrated one. */
  template?: Blob;
}

/** Connections per pool to PostgreSQL unless the caller says otherwise: what `serve` runs with. */
export const defaultPoolSize = 20;

// Postgres returns int8 and numeric as strings; amounts here are int8 minor units well within 2^53.
pg.types.setTypeParser(20, (v) => Number(v));

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    const newPool = (connectionString: string) => {
      const created = new pg.Pool({ connectionString, max: options.poolSize ?? defaultPoolSize });
      created.on('error', () => {
        // An idle client lost its connection; the pool replaces it. Queries in flight report their own errors.
      });
      return created;
    };
    const pool = newPool(options.databaseUrl);
    const appPool = options.appDatabaseUrl ? newPool(options.appDatabaseUrl) : undefined;
    return {
      driver: 'pg',
      db: drizzlePg(pool, { schema }) as unknown as Drizzle,
      ...(appPool ? { tenantDb: drizzlePg(appPool, { schema }) as unknown as Drizzle } : {}),
      pool,
      query: async (text, params) => {
        const result = await pool.query(text, params as unknown[] | undefined);
        return { rows: result.rows };
      },
      close: async () => {
        await appPool?.end();
        await pool.end();
      },
    };
  }
  let dataDir: string | undefined;
  let unlock = () => {};
  if (options.dataDir) {
    ensurePrivateDir(options.dataDir);
    unlock = lockEmbeddedDatabase(options.dataDir);
    dataDir = path.join(options.dataDir, 'pglite');
  }
  let client: PGlite;
  try {
    if (dataDir) ensurePrivateDir(dataDir);
    client = new PGlite({
      dataDir,
      ...(options.template ? { loadDataDir: options.template } : {}),
      // In memory, the data files already live in this process's memory: a 16 MB buffer pool instead of
      // PostgreSQL's 128 MB saves the copy, and half of each start (zeroing the pool; bench/README.md).
      ...(dataDir ? {} : { postgresqlconf: ['shared_buffers = 16MB'] }),
    });
    await client.waitReady;
  } catch (err) {
    unlock();
    throw err;
  }
  return {
    driver: 'pglite',
    db: drizzlePglite(client, { schema }) as unknown as Drizzle,
    pglite: client,
    query: async (text, params) => {
      if (!params || params.length === 0) {
        const results = await client.exec(text);
        return { rows: (results.at(-1)?.rows ?? []) as never[] };
      }
      const result = await client.query(text, params);
      return { rows: result.rows as never[] };
    },
    close: async () => {
      try {
        await client.close();
      } finally {
        unlock();
      }
    },
  };
}
