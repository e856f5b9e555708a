import { and, eq } from 'drizzle-orm';
import type { Scope } from '../platform/tenancy/scope.js';
import { contacts } from '../platform/db/schema.js';
import type { Tx } from '../platform/db/tenant.js';
import { notFound } from '../platform/http/errors.js';
import { listTransactions } from './list-transactions.js';
import { loadCustomers } from './provider-customers.js';
import { serializeContact } from './serialize.js';

/** Transactions shown with a contact; the rest are at GET /api/v1/transactions?contactId=…. */
export const contactTransactionsShown = 50;

/** A buyer with their totals and latest transactions (newest first). */
export async function contactDetail(tx: Tx, scope: Scope, contactId: string) {
  const [row] = await tx.select().from(contacts).where(and(eq(contacts.accountId, scope.accountId), eq(contacts.mode, scope.mode), eq(contacts.id, contactId)));
  if (!row) throw notFound('Contact');
  const page = await listTransactions(tx, scope, { contactId }, { limit: contactTransactionsShown });
  const customers = await loadCustomers(tx, scope, [row.id]);
  return { ...serializeContact(row, customers.get(row.id)), transactions: page };
}
