import type { contacts, PaymentProvider, transactionItems } from '../platform/db/schema.js';

import type { TransactionRow } from './apply-provider-payment.js';
import type { RefundRow } from './upsert-refunds.js';
import { methodWords } from '../providers/payment-method-words.js';

export type { RefundRow, TransactionRow };
export type ContactRow = typeof contacts.$inferSelect;
export type ItemRow = typeof transactionItems.$inferSelect;

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function serializeItem(item: ItemRow) {
  return {
    position: item.position,
    priceId: item.priceId,
    productId: item.productId,
    productName: item.productName,
    nickname: item.nickname,
    quantity: item.quantity,
    unitAmount: item.unitAmount,
    amount: item.amount,
  };
}

function paymentMethodOf(row: TransactionRow) {
  const stored = { type: row.methodType, brand: row.methodBrand, last4: row.methodLast4, email: row.methodEmail };
  const label = methodWords(stored);
  return stored.type && label ? { type: stored.type, brand: stored.brand, last4: stored.last4, email: stored.email, label } : null;
}

/** A transaction as lists show it: with its line items and who paid. */
export function serializeTransaction(row: TransactionRow, contact: Pick<ContactRow, 'id' | 'email' | 'firstName' | 'lastName'>, items: ItemRow[]) {
  return {
    id: row.id,
    object: 'transaction' as const,
    mode: row.mode,
    status: row.status,
    provider: row.provider,
    amount: row.amount,
    amountRefunded: row.amountRefunded,
    netAmount: row.amount - row.amountRefunded,
    currency: row.currency,
    description: row.description,
    items: items.map(serializeItem),
    contact: { id: contact.id, email: contact.email, firstName: contact.firstName, lastName: contact.lastName },
    formId: row.formId,
    failureCode: row.failureCode,
    failureMessage: row.failureMessage,
    dispute: row.disputeStatus,
    paymentMethod: paymentMethodOf(row),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    succeededAt: iso(row.succeededAt),
  };
}

/** A refund of a payment made through `provider`. */
export function serializeRefund(row: RefundRow, provider: PaymentProvider) {
  return {
    id: row.id,
    object: 'refund' as const,
    mode: row.mode,
    transactionId: row.transactionId,
    amount: row.amount,
    currency: row.currency,
    status: row.status,
    reason: row.reason,
    failureReason: row.failureReason,
    stripeRefundId: provider === 'stripe' ? row.providerRefundId : null,
    providerRefundId: row.providerRefundId,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** A contact as the API shows it, with their customers at the providers that keep them (Stripe's as `stripeCustomerId`). */
export function serializeContact(row: ContactRow, customers: Partial<Record<PaymentProvider, string>> = {}) {
  return {
    id: row.id,
    object: 'contact' as const,
    mode: row.mode,
    email: row.email,
    firstName: row.firstName,
    lastName: row.lastName,
    phone: row.phone,
    paymentsCount: row.paymentsCount,
    lifetimeValue: row.lifetimeValue,
    firstPurchaseAt: iso(row.firstPurchaseAt),
    lastPurchaseAt: iso(row.lastPurchaseAt),
    stripeCustomerId: customers.stripe ?? null,
    hubspotContactId: row.hubspotContactId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
