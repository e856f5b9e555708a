import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/platform/db/connect.js';
import { migrate } from '../../src/platform/schema/migrate.js';
import { adminQuery, serverDatabaseUrl } from './databases.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A dump (PGlite dumpDataDir) of a freshly migrated embedded database. */
    pgliteTemplateFile: string;
    /** A migrated database on the PostgreSQL server, copied with CREATE DATABASE … TEMPLATE. */
    pgTemplateDatabase: string;
  }
}

/**
 * Vitest global setup: migrates one database per driver once per run, so that each test file
 * starts from a copy of it instead of creating and migrating its own (see createTestDatabase).
 */
export default async function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opp-template-'));
  const pgliteTemplateFile = path.join(dir, 'pglite.tar');
  const embedded = await openDatabase({});
  await migrate(embedded);
  const dump = await embedded.pglite!.dumpDataDir('none');
  fs.writeFileSync(pgliteTemplateFile, Buffer.from(await dump.arrayBuffer()));
  await embedded.close();
  project.provide('pgliteTemplateFile', pgliteTemplateFile);

  let pgTemplateDatabase = '';
  if (serverDatabaseUrl) {
    pgTemplateDatabase = `opp_template_${crypto.randomBytes(6).toString('hex')}`;
    await adminQuery(`CREATE DATABASE ${pgTemplateDatabase}`);
    const url = new URL(serverDatabaseUrl);
    url.pathname = `/${pgTemplateDatabase}`;
    const server = await openDatabase({ databaseUrl: url.toString(), poolSize: 1 });
    await migrate(server);
    await server.close(); // CREATE DATABASE … TEMPLATE needs the template free of connections
  }
  project.provide('pgTemplateDatabase', pgTemplateDatabase);

  return async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    if (pgTemplateDatabase) await adminQuery(`DROP DATABASE IF EXISTS ${pgTemplateDatabase} WITH (FORCE)`);
  };
}

