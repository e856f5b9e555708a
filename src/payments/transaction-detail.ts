import { and, asc, eq } from 'drizzle-orm';
import type { Scope } from '../platform/tenancy/scope.js';
import { contacts, refunds, transactions, type Mode, type PaymentProvider } from '../platform/db/schema.js';
import { paymentProvider } from '../providers/payment-providers.js';
import type { Tx } from '../platform/db/tenant.js';
import { notFound } from '../platform/http/errors.js';
import { loadCustomers } from './provider-customers.js';
import { refundableAmount } from './refundable.js';
import { serializeContact, serializeRefund, serializeTransaction } from './serialize.js';
import { loadTransactionItems } from './transaction-items.js';
import { hubspotDetail } from './transaction-hubspot.js';
import { readTimeline } from './timeline.js';

/** The payment in its provider's dashboard: none in sandbox mode, where the payment only exists in the stand-in. */
function dashboardUrl(row: { provider: PaymentProvider; mode: Mode; providerPaymentId: string | null; providerChargeId: string | null }, sandbox: boolean): string | null {
  if (sandbox) return null;
  return paymentProvider(row.provider)?.dashboardUrl(row.mode, { paymentId: row.providerPaymentId, chargeId: row.providerChargeId }) ?? null;
}

/** The transaction in this account and mode, or a 404. */
export async function loadTransaction(tx: Tx, scope: Scope, transactionId: string, options: { forUpdate?: boolean } = {}) {
  const query = tx
    .select()
    .from(transactions)
    .where(and(eq(transactions.accountId, scope.accountId), eq(transactions.mode, scope.mode), eq(transactions.id, transactionId)));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  if (!row) throw notFound('Transaction');
  return row;
}

export async function loadRefunds(tx: Tx, scope: Scope, transactionId: string) {
  return tx
    .select()
    .from(refunds)
    .where(and(eq(refunds.accountId, scope.accountId), eq(refunds.mode, scope.mode), eq(refunds.transactionId, transactionId)))
    .orderBy(asc(refunds.createdAt), asc(refunds.id));
}

/**
 * One transaction with everything the dashboard shows: line items, refunds, the buyer, the
 * provider's ids with a link to its dashboard (the `stripe` or the `paypal` block, the other null),
 * the HubSpot side, the provider's fee and net, and the payment's timeline.
 */
export async function transactionDetail(tx: Tx, scope: Scope, transactionId: string, options: { sandbox: boolean }) {
  const row = await loadTransaction(tx, scope, transactionId);
  const [contact] = await tx.select().from(contacts).where(and(eq(contacts.accountId, scope.accountId), eq(contacts.id, row.contactId)));
  const items = await loadTransactionItems(tx, scope, [row.id]);
  const refundRows = await loadRefunds(tx, scope, row.id);
  const customers = (await loadCustomers(tx, scope, [row.contactId])).get(row.contactId) ?? {};
  return {
    ...serializeTransaction(row, contact!, items.get(row.id) ?? []),
    contact: serializeContact(contact!, customers),
    refunds: refundRows.map((refund) => serializeRefund(refund, row.provider)),
    refundable: refundableAmount(row, refundRows),
    stripe:
      row.provider === 'stripe'
        ? { paymentIntentId: row.providerPaymentId, chargeId: row.providerChargeId, customerId: customers.stripe ?? null, dashboardUrl: dashboardUrl(row, options.sandbox) }
        : null,
    paypal: row.provider === 'paypal' ? { orderId: row.providerPaymentId, captureId: row.providerChargeId, dashboardUrl: dashboardUrl(row, options.sandbox) } : null,
    hubspot: await hubspotDetail(tx, scope, row, contact!),
    hubspotFields: row.hubspotFields,
    settlement: row.settlementCurrency && row.feeAmount !== null && row.netAmount !== null ? { currency: row.settlementCurrency, fee: row.feeAmount, net: row.netAmount } : null,
    timeline: await readTimeline(tx, scope, row),
  };
}
