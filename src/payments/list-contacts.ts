import { and, desc, eq, gt, like } from 'drizzle-orm';
import { afterCursor, defaultPageSize, toPage } from '../catalog/pagination.js';
import type { Scope } from '../catalog/scope.js';
import { contacts } from '../platform/db/schema.js';
import type { Tx } from '../platform/db/tenant.js';
import { serializeContact } from './serialize.js';
import { emailPrefix } from './transaction-filters.js';

export interface ListContactsQuery {
  limit?: number;
  cursor?: string;
  email?: string;
  hasPurchases?: boolean;
}

/** A page of the buyers in this account and mode, newest first, each with their totals. */
export async function listContacts(tx: Tx, scope: Scope, query: ListContactsQuery) {
  const limit = query.limit ?? defaultPageSize;
  const rows = await tx
    .select()
    .from(contacts)
    .where(
      and(
        eq(contacts.accountId, scope.accountId),
        eq(contacts.mode, scope.mode),
        query.email === undefined ? undefined : like(contacts.email, emailPrefix(query.email)),
        query.hasPurchases === undefined ? undefined : query.hasPurchases ? gt(contacts.paymentsCount, 0) : eq(contacts.paymentsCount, 0),
        afterCursor(contacts, scope.accountId, query.cursor),
      ),
    )
    .orderBy(desc(contacts.createdAt), desc(contacts.id))
    .limit(limit + 1);
  return toPage(rows, limit, serializeContact);
}
