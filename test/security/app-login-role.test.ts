import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../src/accounts/create-account.js';
import { loadConfig } from '../../src/config.js';
import { newKey } from '../../src/platform/crypto/encryption-keys.js';
import { SecretBox } from '../../src/platform/crypto/secret-box.js';
import { openDatabase, type Database } from '../../src/platform/db/connect.js';
import { withTenant } from '../../src/platform/db/tenant.js';
import { buildServer } from '../../src/server.js';
import { createTestDatabase, drivers, serverDatabaseUrl, type TestDatabase } from '../helpers/databases.js';
import { TestClient, uniqueEmail } from '../helpers/harness.js';

/**
 * Issue 11, Low 7: on PostgreSQL, request traffic can log in as its own role (DATABASE_APP_URL),
 * a member of onepagepay_app only: no statement on that connection can become the owner again.
 */
describe.runIf(drivers.includes('pg'))('DATABASE_APP_URL: tenant transactions on their own login (pg)', () => {
  const loginRole = `opp_request_${crypto.randomBytes(4).toString('hex')}`;
  let owner: TestDatabase;
  let database: Database;
  let a: string;
  let b: string;
  beforeAll(async () => {
    owner = await createTestDatabase('pg');
    await owner.database.query(`CREATE ROLE ${loginRole} LOGIN NOSUPERUSER NOBYPASSRLS IN ROLE onepagepay_app`);
    const appUrl = new URL(owner.url!);
    appUrl.username = loginRole;
    database = await openDatabase({ databaseUrl: owner.url, appDatabaseUrl: appUrl.toString(), poolSize: 4 });
    a = (await createAccount(database, { email: uniqueEmail('login-a'), password: 'long enough password' })).accountId;
    b = (await createAccount(database, { email: uniqueEmail('login-b'), password: 'long enough password' })).accountId;
  });
  afterAll(async () => {
    await database?.close();
    await owner?.close();
    const admin = new pg.Client({ connectionString: serverDatabaseUrl });
    await admin.connect();
    await admin.query(`DROP ROLE IF EXISTS ${loginRole}`);
    await admin.end();
  });

  const rows = async <T>(tx: Parameters<Parameters<typeof withTenant>[2]>[0], text: string) =>
    ((await tx.execute(sql.raw(text))) as unknown as { rows: T[] }).rows;

  it('runs as the login role, and RESET ROLE or SET ROLE cannot reach another tenant', async () => {
    const seen = await withTenant(database, a, async (tx) => {
      const who = await rows<{ user: string }>(tx, 'select current_user as user');
      await tx.execute(sql.raw('reset role'));
      const after = await rows<{ account_id: string }>(tx, 'select account_id from memberships');
      return { who: who[0]!.user, accounts: after.map((r) => r.account_id) };
    });
    expect(seen).toEqual({ who: loginRole, accounts: [a] });
    const escalate = await withTenant(database, a, (tx) => tx.execute(sql.raw('set role postgres'))).then(
      () => null,
      (err: Error) => err,
    );
    expect(String((escalate?.cause as Error | undefined)?.message ?? escalate)).toMatch(/permission denied/);
    expect(b).not.toBe(a);
  });

  it('serves the dashboard API with request queries on that login', async () => {
    const config = loadConfig({ PUBLIC_URL: 'http://localhost:3000', LOG_LEVEL: 'silent', DATA_DIR: '/tmp/onepagepay-test-unused' });
    const app = await buildServer({ config, database, secretBox: new SecretBox([newKey()]) });
    try {
      const client = new TestClient(app);
      await client.signup(uniqueEmail('login-app'));
      expect((await client.request('POST', '/api/v1/products', { name: 'Shirt' })).statusCode).toBe(201);
      const list = await client.request('GET', '/api/v1/products');
      expect(list.json().data.map((p: { name: string }) => p.name)).toEqual(['Shirt']);
    } finally {
      await app.close();
    }
  });
});
