import { toDecimalString } from '../platform/money/currencies.js';
import type { Scope } from '../platform/tenancy/scope.js';
import { withTenant } from '../platform/db/tenant.js';
import type { AppContext } from '../platform/http/types.js';
import { csvPages, type CsvColumn } from './csv.js';
import { exportPageSize } from './export-transactions-csv.js';
import { listContacts, type ListContactsQuery } from './list-contacts.js';

type Contact = Awaited<ReturnType<typeof listContacts>>['data'][number];

/** Lifetime value per currency, net of refunds: `39.50 USD; 10.00 EUR` (the largest first). */
const lifetimeValue = (c: Contact) =>
  Object.entries(c.lifetimeValue)
    .filter(([, amount]) => amount !== 0)
    .sort(([, a], [, b]) => b - a)
    .map(([currency, amount]) => `${toDecimalString(amount, currency)} ${currency.toUpperCase()}`)
    .join('; ');

const columns: CsvColumn<Contact>[] = [
  ['id', (c) => c.id],
  ['email', (c) => c.email],
  ['first_name', (c) => c.firstName],
  ['last_name', (c) => c.lastName],
  ['phone', (c) => c.phone],
  ['payments_count', (c) => c.paymentsCount],
  ['lifetime_value', lifetimeValue],
  ['first_purchase_at', (c) => c.firstPurchaseAt],
  ['last_purchase_at', (c) => c.lastPurchaseAt],
  ['stripe_customer_id', (c) => c.stripeCustomerId],
  ['hubspot_contact_id', (c) => c.hubspotContactId],
  ['created_at', (c) => c.createdAt],
];

/**
 * The buyers of a mode as CSV, newest first, page by page like the transactions export: one page in
 * memory, read when the consumer took the last one. Cells a spreadsheet would run as formulas are
 * defused (csv.ts).
 */
export function exportContactsCsv(ctx: AppContext, scope: Scope, filters: Omit<ListContactsQuery, 'limit' | 'cursor'>, options: { pageSize?: number } = {}): AsyncGenerator<string> {
  const limit = options.pageSize ?? exportPageSize;
  return csvPages(columns, async (cursor) => {
    const page = await withTenant(ctx.database, scope.accountId, (tx) => listContacts(tx, scope, { ...filters, limit, cursor }));
    return { rows: page.data, nextCursor: page.nextCursor };
  });
}
