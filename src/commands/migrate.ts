import type { Config } from '../config.js';
import { openDatabase } from '../platform/db/connect.js';
import { migrate } from '../platform/schema/migrate.js';

export async function migrateCommand(config: Config) {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, appDatabaseUrl: config.appDatabaseUrl, dataDir: config.dataDir });
  try {
    const applied = await migrate(database);
    process.stdout.write(applied.length ? `Applied ${applied.join(', ')}\n` : 'Database is up to date.\n');
  } finally {
    await database.close();
  }
}
