import { and, desc, eq, inArray } from 'drizzle-orm';
import { afterCursor } from '../platform/tenancy/pagination.js';
import type { Scope } from '../platform/tenancy/scope.js';
import { contacts, transactions } from '../platform/db/schema.js';
import type { Tx } from '../platform/db/tenant.js';
import type { ContactRow, ItemRow, TransactionRow } from './serialize.js';
import { transactionConditions, type TransactionFilters } from './transaction-filters.js';
import { loadTransactionItems } from './transaction-items.js';

export interface TransactionWithParts {
  transaction: TransactionRow;
  contact: ContactRow;
  items: ItemRow[];
}

/**
 * Up to `limit` filtered transactions after the cursor, newest first, each with its contact and
 * line items (three indexed queries, whatever the page size).
 */
export async function readTransactions(tx: Tx, scope: Scope, filters: TransactionFilters, page: { limit: number; cursor?: string }): Promise<TransactionWithParts[]> {
  const rows = await tx
    .select()
    .from(transactions)
    .where(and(transactionConditions(scope, filters), afterCursor(transactions, scope.accountId, page.cursor)))
    .orderBy(desc(transactions.createdAt), desc(transactions.id))
    .limit(page.limit);
  if (rows.length === 0) return [];
  const contactIds = [...new Set(rows.map((r) => r.contactId))];
  const buyers = await tx
    .select()
    .from(contacts)
    .where(and(eq(contacts.accountId, scope.accountId), eq(contacts.mode, scope.mode), inArray(contacts.id, contactIds)));
  const byId = new Map(buyers.map((c) => [c.id, c]));
  const items = await loadTransactionItems(tx, scope, rows.map((r) => r.id));
  return rows.map((transaction) => ({ transaction, contact: byId.get(transaction.contactId)!, items: items.get(transaction.id) ?? [] }));
}
