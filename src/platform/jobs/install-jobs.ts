import PgBoss from 'pg-boss';
import { appRole } from '../db/tenant.js';
import { queues } from './queues.js';

export interface Executor {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: any[] }>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export const jobsSchema = 'pgboss';

/**
 * Installs pg-boss's tables (when absent), creates or updates the app's queues, and lets the app
 * role insert jobs, so that a job is enqueued inside the same tenant transaction as the change
 * that causes it. Run by `migrate`, under its lock.
 */
export async function installJobs(db: Executor) {
  const { rows } = await db.executeSql(`SELECT to_regclass('${jobsSchema}.version') IS NOT NULL AS present`);
  if (!rows[0]?.present) await db.executeSql(PgBoss.getConstructionPlans(jobsSchema));
  const boss = new PgBoss({ db, schema: jobsSchema });
  const existing = new Set((await boss.getQueues()).map((q) => q.name));
  for (const { name, options } of Object.values(queues)) {
    if (existing.has(name)) await boss.updateQueue(name, { name, ...options });
    else await boss.createQueue(name, { name, ...options });
  }
  await db.executeSql(
    `GRANT USAGE ON SCHEMA ${jobsSchema} TO ${appRole}; GRANT SELECT ON ${jobsSchema}.queue TO ${appRole}; GRANT INSERT, SELECT (id) ON ${jobsSchema}.job TO ${appRole}`,
  );
}
