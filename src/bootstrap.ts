import type PgBoss from 'pg-boss';
import type { Config } from './config.js';
import { openDatabase, type Database } from './platform/db/connect.js';
import { migrate } from './platform/schema/migrate.js';
import { loadKeyRing } from './platform/crypto/encryption-keys.js';
import { SecretBox } from './platform/crypto/secret-box.js';
import { startJobs } from './platform/jobs/boss.js';
import { initErrorReporting } from './platform/logging/error-reporting.js';
import { packageVersion } from './platform/package-version.js';

export interface Runtime {
  config: Config;
  database: Database;
  secretBox: SecretBox;
  boss?: PgBoss;
  close(): Promise<void>;
}

/**
 * Starts error reporting (with SENTRY_DSN), opens the database (migrating it), loads the
 * encryption keys and, if asked, starts pg-boss.
 */
export async function openRuntime(config: Config, options: { jobs?: boolean } = {}): Promise<Runtime> {
  await initErrorReporting({ dsn: config.sentryDsn, release: `onepagepay@${packageVersion()}`, environment: config.sentryEnvironment });
  const { keys } = loadKeyRing({ encryptionKey: config.encryptionKey, dataDir: config.dataDir });
  const database = await openDatabase({ databaseUrl: config.databaseUrl, appDatabaseUrl: config.appDatabaseUrl, dataDir: config.dataDir });
  try {
    await migrate(database);
  } catch (err) {
    await database.close();
    throw err;
  }
  const boss = options.jobs ? await startJobs(database) : undefined;
  return {
    config,
    database,
    secretBox: new SecretBox(keys),
    boss,
    async close() {
      await boss?.stop({ graceful: true, wait: true, timeout: 10_000 });
      await database.close();
    },
  };
}
