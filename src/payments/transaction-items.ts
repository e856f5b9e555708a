import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Scope } from '../platform/tenancy/scope.js';
import { transactionItems } from '../platform/db/schema.js';
import type { Tx } from '../platform/db/tenant.js';
import type { ItemRow } from './serialize.js';

/** The line items of some transactions, by transaction id, in their order. */
export async function loadTransactionItems(tx: Tx, scope: Scope, transactionIds: string[]): Promise<Map<string, ItemRow[]>> {
  const byTransaction = new Map<string, ItemRow[]>();
  if (transactionIds.length === 0) return byTransaction;
  const rows = await tx
    .select()
    .from(transactionItems)
    .where(and(eq(transactionItems.accountId, scope.accountId), eq(transactionItems.mode, scope.mode), inArray(transactionItems.transactionId, transactionIds)))
    .orderBy(asc(transactionItems.transactionId), asc(transactionItems.position));
  for (const row of rows) {
    const list = byTransaction.get(row.transactionId) ?? [];
    list.push(row);
    byTransaction.set(row.transactionId, list);
  }
  return byTransaction;
}
