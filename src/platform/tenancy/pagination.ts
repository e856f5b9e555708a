import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Tx } from '../db/tenant.js';
import { defaultPageSize } from './page-schema.js';
import type { Scope } from './scope.js';

/**
 * Keyset pagination, newest first: rows strictly after the cursor row in (created_at, id) order.
 * The cursor is the id of the last row of the previous page; an id the caller cannot see matches nothing.
 */
export function afterCursor(table: PgTable & { id: PgColumn; createdAt: PgColumn; accountId: PgColumn }, accountId: string, cursor: string | undefined): SQL | undefined {
  if (!cursor) return undefined;
  return sql`(${table.createdAt}, ${table.id}) < (select c.created_at, c.id from ${table} c where c.id = ${cursor} and c.account_id = ${accountId})`;
}

/** The page's data and the cursor of the next page (null on the last page). */
export function toPage<R extends { id: string }, S>(rows: R[], limit: number, serialize: (row: R) => S) {
  const more = rows.length > limit;
  const data = rows.slice(0, limit);
  return { data: data.map(serialize), nextCursor: more ? data[data.length - 1].id : null };
}

/** A table listed page by page: one account's rows in one mode, newest first. */
type PagedTable = PgTable & { id: PgColumn; createdAt: PgColumn; accountId: PgColumn; mode: PgColumn };

/**
 * One page of the scope's rows of `table`, newest first, with the list's own filters: the rows to
 * show and the cursor of the next page (null on the last page). Every dashboard list is this query.
 */
export async function listPage<T extends PagedTable>(tx: Tx, table: T, scope: Scope, query: { limit?: number; cursor?: string }, filters: (SQL | undefined)[] = []) {
  const limit = query.limit ?? defaultPageSize;
  const found = (await tx
    .select()
    .from(table as PgTable)
    .where(and(eq(table.accountId, scope.accountId), eq(table.mode, scope.mode), ...filters, afterCursor(table, scope.accountId, query.cursor)))
    .orderBy(desc(table.createdAt), desc(table.id))
    .limit(limit + 1)) as (T['$inferSelect'] & { id: string })[];
  const { data: rows, nextCursor } = toPage(found, limit, (row) => row);
  return { rows, nextCursor };
}
