import PgBoss from 'pg-boss';
import type { Database } from '../db/connect.js';

/**
 * pg-boss on either driver. On PGlite it runs through an `executeSql` adapter: statements
 * without parameters may hold several commands and go to `exec`, the rest to `query`.
 */
export function pgliteExecutor(database: Database) {
  const pglite = database.pglite!;
  return {
    async executeSql(text: string, values?: unknown[]) {
      if (!values || values.length === 0) {
        const results = await pglite.exec(text);
        return { rows: results.at(-1)?.rows ?? [] };
      }
      const result = await pglite.query(text, values);
      return { rows: result.rows };
    },
  };
}

/**
 * How often each instance offers to run pg-boss's maintenance (expire jobs held past their time,
 * archive, drop); it runs at most this often across all instances, so two runs can be up to twice
 * this apart. A job held by an instance that died is taken back at most 30 s after it expired.
 */
const maintenanceIntervalSeconds = 15;

export async function startJobs(database: Database, options: { schedule?: boolean; supervise?: boolean } = {}): Promise<PgBoss> {
  const common = { schema: 'pgboss', schedule: options.schedule ?? true, supervise: options.supervise ?? true, migrate: true, maintenanceIntervalSeconds };
  const boss =
    database.driver === 'pg'
      ? new PgBoss({ ...common, db: { executeSql: (text: string, values?: unknown[]) => database.pool!.query(text, values as unknown[]) } })
      : new PgBoss({ ...common, db: pgliteExecutor(database) });
  boss.on('error', () => {
    // pg-boss reports maintenance hiccups here; jobs themselves retry. Logged by the caller if it listens.
  });
  await boss.start();
  return boss;
}
