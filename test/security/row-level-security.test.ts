import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createAccount } from '../../src/accounts/create-account.js';
import { tenantTables } from '../../src/platform/db/schema.js';
import { appRole, withTenant } from '../../src/platform/db/tenant.js';
import { createTestDatabase, drivers, type TestDatabase } from '../helpers/databases.js';
import { uniqueEmail } from '../helpers/harness.js';

describe.each(drivers)('row-level security (%s)', (driver) => {
  let t: TestDatabase;
  let a: string;
  let b: string;
  beforeAll(async () => {
    t = await createTestDatabase(driver);
    a = (await createAccount(t.database, { email: uniqueEmail('rls-a'), password: 'long enough password' })).accountId;
    b = (await createAccount(t.database, { email: uniqueEmail('rls-b'), password: 'long enough password' })).accountId;
  });
  afterAll(() => t.close());

  const rowsAs = async (accountId: string | null, table: string) =>
    t.database.db.transaction(async (tx) => {
      if (accountId) await tx.execute(sql`select set_config('app.account_id', ${accountId}, true)`);
      await tx.execute(sql.raw(`set local role ${appRole}`));
      const result = await tx.execute(sql.raw(`select * from ${table}`));
      return (result as unknown as { rows: Record<string, unknown>[] }).rows;
    });

  it('the app role owns no table and cannot bypass RLS', async () => {
    const { rows: role } = await t.database.query<{ rolsuper: boolean; rolbypassrls: boolean }>(
      'select rolsuper, rolbypassrls from pg_roles where rolname = $1',
      [appRole],
    );
    expect(role).toEqual([{ rolsuper: false, rolbypassrls: false }]);
    const { rows: owned } = await t.database.query<{ tablename: string }>('select tablename from pg_tables where tableowner = $1', [appRole]);
    expect(owned).toEqual([]);
  });

  it("the app role sees only the current account's members among users, and cannot rewrite the audit log", async () => {
    const emailsAs = (accountId: string) =>
      withTenant(t.database, accountId, async (tx) => ((await tx.execute(sql`select email from users`)) as unknown as { rows: { email: string }[] }).rows.map((r) => r.email));
    const [ofA, ofB] = [await emailsAs(a), await emailsAs(b)];
    expect(ofA).toHaveLength(1);
    expect(ofB).toHaveLength(1);
    expect(ofA[0]).not.toBe(ofB[0]);
    for (const statement of [sql`update audit_log set action = 'x'`, sql`delete from audit_log`]) {
      const error = await withTenant(t.database, a, (tx) => tx.execute(statement)).then(() => null, (err: Error) => err);
      expect(String((error?.cause as Error | undefined)?.message ?? error?.message)).toMatch(/permission denied/);
    }
  });

  it('withTenant runs as the app role with the tenant set, and both end with the transaction', async () => {
    const inside = await withTenant(t.database, 'a'.repeat(32), async (tx) => {
      const result = await tx.execute(sql`select current_user as role, current_setting('app.account_id', true) as account`);
      return (result as unknown as { rows: Record<string, unknown>[] }).rows[0];
    });
    expect(inside).toEqual({ role: appRole, account: 'a'.repeat(32) });
    const { rows: after } = await t.database.query<{ role: string }>('select current_user as role');
    expect(after[0]!.role).not.toBe(appRole);
  });

  it('every tenant table has RLS enabled and forced', async () => {
    const { rows } = await t.database.query<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean }>(
      `select relname, relrowsecurity, relforcerowsecurity from pg_class where relname = any($1) and relkind = 'r' order by relname`,
      [[...tenantTables]],
    );
    expect(rows.map((r) => r.relname).sort()).toEqual([...tenantTables].sort());
    for (const row of rows) expect(row, row.relname).toMatchObject({ relrowsecurity: true, relforcerowsecurity: true });
  });

  it('every table with an account_id column is a tenant table', async () => {
    const { rows } = await t.database.query<{ table_name: string }>(
      `select table_name from information_schema.columns where table_schema = 'public' and column_name = 'account_id' and table_name <> 'sessions'`,
      [],
    );
    for (const { table_name } of rows) expect(tenantTables as readonly string[], table_name).toContain(table_name);
  });

  it.each(tenantTables)('with no tenant set, %s returns zero rows', async (table) => {
    expect(await rowsAs(null, table)).toEqual([]);
  });

  it.each(tenantTables)('as tenant A, %s shows only A rows', async (table) => {
    const rows = await rowsAs(a, table);
    const column = table === 'accounts' ? 'id' : 'account_id';
    for (const row of rows) expect(row[column]).toBe(a);
    if (table === 'accounts' || table === 'memberships' || table === 'audit_log') expect(rows.length).toBeGreaterThan(0);
  });

  it('a tenant cannot write rows for another account', async () => {
    const error = await withTenant(t.database, a, (tx) => tx.execute(sql`insert into audit_log (account_id, action) values (${b}, 'forged')`)).then(
      () => null,
      (err: Error & { cause?: Error }) => err,
    );
    expect(error?.cause?.message ?? error?.message).toMatch(/row-level security/);
  });

  it('a tenant cannot update or delete another account\'s rows (they are invisible)', async () => {
    const updated = await withTenant(t.database, a, (tx) => tx.execute(sql`update memberships set role = 'viewer' where account_id = ${b} returning *`));
    expect((updated as unknown as { rows: unknown[] }).rows).toEqual([]);
    const { rows } = await t.database.query<{ role: string }>('select role from memberships where account_id = $1', [b]);
    expect(rows).toEqual([{ role: 'owner' }]);
  });
});
