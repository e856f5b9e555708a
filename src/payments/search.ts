import type { Static } from '@sinclair/typebox';
import { and, desc, eq, ilike, like, or, sql } from 'drizzle-orm';
import { contacts, transactions } from '../platform/db/schema.js';
import { formatAmount } from '../platform/money/currencies.js';
import type { Tx } from '../platform/db/tenant.js';
import type { Scope } from '../platform/tenancy/scope.js';
import type { SearchResultsSchema } from './schemas.js';
import { emailPrefix, escapeLike } from './transaction-filters.js';

/** One hit: what it is, in a line (`$25.00 from ada@example.com`, `Ada Lovelace <ada@example.com>`), and why it matched. */
export type SearchHit = Static<typeof SearchResultsSchema>['data'][number];

/** Hits shown at most (an exact id is one hit; emails and names a short list). */
export const maxHits = 10;

const nameOf = (c: { firstName: string; lastName: string }) => [c.firstName, c.lastName].filter(Boolean).join(' ');

/**
 * The dashboard's one search box, in the session's account and mode: a payment id (`pay_…`), a
 * provider id (a Stripe PaymentIntent or charge, a PayPal order or capture) find the payment; a
 * contact id, an email (or its beginning, when it holds `@`) or a name (its beginning, first or
 * last name, or both) find buyers. Exact ids come first.
 */
export async function search(tx: Tx, scope: Scope, query: string): Promise<SearchHit[]> {
  const q = query.trim();
  const inScope = (table: typeof transactions | typeof contacts) => and(eq(table.accountId, scope.accountId), eq(table.mode, scope.mode));
  const hits: SearchHit[] = [];

  const payments = await tx
    .select({ id: transactions.id, amount: transactions.amount, currency: transactions.currency, email: contacts.email })
    .from(transactions)
    .innerJoin(contacts, and(eq(contacts.accountId, transactions.accountId), eq(contacts.id, transactions.contactId)))
    .where(and(inScope(transactions), or(eq(transactions.id, q), eq(transactions.providerPaymentId, q), eq(transactions.providerChargeId, q))))
    .limit(maxHits);
  for (const p of payments) {
    hits.push({ kind: 'transaction', id: p.id, label: `${formatAmount(p.amount, p.currency)} from ${p.email}`, matched: p.id === q ? 'payment id' : 'provider id' });
  }

  const words = q.toLowerCase().split(/\s+/).filter(Boolean);
  const byName =
    words.length === 0 || q.includes('@')
      ? undefined
      : words.length === 1
        ? or(ilike(contacts.firstName, `${escapeLike(words[0]!)}%`), ilike(contacts.lastName, `${escapeLike(words[0]!)}%`))
        : ilike(sql`${contacts.firstName} || ' ' || ${contacts.lastName}`, `${escapeLike(words.join(' '))}%`);
  const buyers = await tx
    .select({ id: contacts.id, email: contacts.email, firstName: contacts.firstName, lastName: contacts.lastName })
    .from(contacts)
    .where(and(inScope(contacts), or(eq(contacts.id, q), q.includes('@') ? like(contacts.email, emailPrefix(q)) : undefined, byName)))
    .orderBy(sql`${contacts.lastPurchaseAt} desc nulls last`, desc(contacts.createdAt))
    .limit(maxHits - hits.length);
  for (const c of buyers) {
    const name = nameOf(c);
    hits.push({ kind: 'contact', id: c.id, label: name ? `${name} <${c.email}>` : c.email, matched: c.id === q ? 'contact id' : q.includes('@') ? 'email' : 'name' });
  }
  return hits;
}
