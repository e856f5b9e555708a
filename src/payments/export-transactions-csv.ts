import { toDecimalString } from '../platform/money/currencies.js';
import type { Scope } from '../platform/tenancy/scope.js';
import { withTenant } from '../platform/db/tenant.js';
import type { AppContext } from '../platform/http/types.js';
import { csvPages, type CsvColumn } from './csv.js';
import type { ContactRow, ItemRow, TransactionRow } from './serialize.js';
import { readTransactions } from './read-transactions.js';
import type { TransactionFilters } from './transaction-filters.js';

/** Rows read per database round trip: the export holds one page in memory, never the whole set. */
export const exportPageSize = 500;

type ExportRow = { transaction: TransactionRow; contact: ContactRow; items: ItemRow[] };

const columns: [string, (t: TransactionRow, c: ContactRow, items: ItemRow[]) => string | number | null][] = [
  ['id', (t) => t.id],
  ['created_at', (t) => t.createdAt.toISOString()],
  ['succeeded_at', (t) => t.succeededAt?.toISOString() ?? null],
  ['status', (t) => t.status],
  ['mode', (t) => t.mode],
  ['currency', (t) => t.currency.toUpperCase()],
  ['amount', (t) => toDecimalString(t.amount, t.currency)],
  ['amount_refunded', (t) => toDecimalString(t.amountRefunded, t.currency)],
  ['net', (t) => toDecimalString(t.amount - t.amountRefunded, t.currency)],
  ['description', (t) => t.description],
  ['product_ids', (_t, _c, items) => [...new Set(items.map((i) => i.productId))].join(' ')],
  ['email', (_t, c) => c.email],
  ['first_name', (_t, c) => c.firstName],
  ['last_name', (_t, c) => c.lastName],
  ['contact_id', (t) => t.contactId],
  ['form_id', (t) => t.formId],
  ['provider', (t) => t.provider],
  ['stripe_payment_intent_id', (t) => (t.provider === 'stripe' ? t.providerPaymentId : null)],
  ['stripe_charge_id', (t) => (t.provider === 'stripe' ? t.providerChargeId : null)],
  ['failure_code', (t) => t.failureCode],
  ['failure_message', (t) => t.failureMessage],
  // Added after the columns above, which scripts already read by position or name.
  ['paypal_order_id', (t) => (t.provider === 'paypal' ? t.providerPaymentId : null)],
  ['paypal_capture_id', (t) => (t.provider === 'paypal' ? t.providerChargeId : null)],
  ['dispute_status', (t) => t.disputeStatus],
];

/**
 * The filtered transactions as CSV, newest first, produced page by page (keyset pagination, one
 * short tenant transaction per page): memory stays at one page whatever the size of the export,
 * and the consumer's pace (backpressure) decides when the next page is read. Amounts are exact
 * decimal strings in the currency's units (12.34 USD, 500 JPY).
 */
export function exportTransactionsCsv(ctx: AppContext, scope: Scope, filters: TransactionFilters, options: { pageSize?: number } = {}): AsyncGenerator<string> {
  const pageSize = options.pageSize ?? exportPageSize;
  const cells: CsvColumn<ExportRow>[] = columns.map(([name, value]) => [name, (r) => value(r.transaction, r.contact, r.items)]);
  return csvPages(cells, async (cursor) => {
    const rows = await withTenant(ctx.database, scope.accountId, (tx) => readTransactions(tx, scope, filters, { limit: pageSize, cursor }));
    return { rows, nextCursor: rows.length < pageSize ? null : rows[rows.length - 1]!.transaction.id };
  });
}
