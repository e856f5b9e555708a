import { eq, gt, like } from 'drizzle-orm';
import { listPage } from '../platform/tenancy/pagination.js';
import type { Scope } from '../platform/tenancy/scope.js';
import { contacts } from '../platform/db/schema.js';
import type { Tx } from '../platform/db/tenant.js';
import { loadCustomers } from './provider-customers.js';
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
  const { rows, nextCursor } = await listPage(tx, contacts, scope, query, [
    query.email === undefined ? undefined : like(contacts.email, emailPrefix(query.email)),
    query.hasPurchases === undefined ? undefined : query.hasPurchases ? gt(contacts.paymentsCount, 0) : eq(contacts.paymentsCount, 0),
  ]);
  const customers = await loadCustomers(tx, scope, rows.map((row) => row.id));
  return { data: rows.map((row) => serializeContact(row, customers.get(row.id))), nextCursor };
}
