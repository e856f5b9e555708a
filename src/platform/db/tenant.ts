import { sql } from 'drizzle-orm';
import type { Database, Drizzle } from './connect.js';

export type Tx = Parameters<Parameters<Drizzle['transaction']>[0]>[0];

/** The database role request queries run as: owns no table, has no BYPASSRLS. */
export const appRole = 'onepagepay_app';

/**
 * Runs `fn` in one transaction scoped to a tenant: `app.account_id` is set for the
 * transaction and it runs as the application role (the DATABASE_APP_URL login, or SET LOCAL ROLE
 * on the owner connection), so row-level security hides every other account's rows even if a
 * query forgets its `where account_id = …`.
 */
export async function withTenant<T>(database: Database, accountId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (!/^[0-9a-f]{32}$/.test(accountId)) throw new Error('withTenant needs a 32-hex account id');
  if (database.tenantDb) {
    // Logged in as the request role already (DATABASE_APP_URL): only the tenant is set.
    return database.tenantDb.transaction(async (tx) => {
      await tx.execute(sql`select set_config('app.account_id', ${accountId}, true)`);
      return fn(tx);
    });
  }
  return database.db.transaction(async (tx) => {
    await enterTenant(tx, accountId);
    return fn(tx);
  });
}

/** Switches an open transaction to the tenant scope (for a transaction that began with system work). */
export async function enterTenant(tx: Tx, accountId: string) {
  // One round trip: set_config('role', …, true) is SET LOCAL ROLE (same permission check).
  await tx.execute(sql`select set_config('app.account_id', ${accountId}, true), set_config('role', ${appRole}, true)`);
}
