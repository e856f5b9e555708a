import { and, eq } from 'drizzle-orm';
import { newId } from '../platform/tenancy/ids.js';
import type { Scope } from '../platform/tenancy/scope.js';
import { contacts, paymentForms, transactions } from '../platform/db/schema.js';
import { withTenant } from '../platform/db/tenant.js';
import type { AppContext } from '../platform/http/types.js';
import type { ListsRecentPayments, PaymentConnection, PaymentSummary } from '../providers/payment-provider.js';
import { applyProviderPayment, type TransactionRow } from './apply-provider-payment.js';
import { keepCustomer } from './provider-customers.js';

/**
 * Writes a transaction again from the provider payment made for it, when the transaction itself
 * is gone (say, the database was restored from a backup taken before the payment): same id, form,
 * amount, currency and description, the buyer as the provider knows them, then converged like any
 * payment (contact totals, HubSpot sync). The line items are not at the provider and stay unknown.
 * Returns null, writing nothing, when the payment lacks what a transaction needs.
 */
export async function recoverTransaction(ctx: AppContext, scope: Scope, connection: PaymentConnection & ListsRecentPayments, summary: PaymentSummary): Promise<TransactionRow | null> {
  const { claim } = summary;
  if (!claim || claim.accountId !== scope.accountId || !claim.formId) return null;
  const buyer = await connection.buyer(summary);
  if (!buyer) return null;
  const payment = await connection.readPayment(summary.id);
  const [firstName = '', ...rest] = buyer.name.trim().split(/\s+/);

  return withTenant(ctx.database, scope.accountId, async (tx) => {
    const [form] = await tx
      .select({ id: paymentForms.id })
      .from(paymentForms)
      .where(and(eq(paymentForms.accountId, scope.accountId), eq(paymentForms.mode, scope.mode), eq(paymentForms.id, claim.formId!)));
    if (!form) return null;
    const [contact] = await tx
      .insert(contacts)
      .values({ id: newId('ct'), accountId: scope.accountId, mode: scope.mode, email: buyer.email.trim().toLowerCase(), firstName, lastName: rest.join(' ') })
      .onConflictDoUpdate({ target: [contacts.accountId, contacts.mode, contacts.email], set: { updatedAt: new Date() } })
      .returning();
    // The provider's customer is kept for the contact: the buyer's next checkout uses it.
    if (summary.customerId) await keepCustomer(tx, scope, contact!.id, connection.provider, summary.customerId);
    const [inserted] = await tx
      .insert(transactions)
      .values({
        id: claim.transactionId,
        accountId: scope.accountId,
        mode: scope.mode,
        formId: form.id,
        contactId: contact!.id,
        idempotencyKey: `recovered-${payment.id}`,
        requestHash: '',
        provider: connection.provider,
        amount: payment.amount,
        currency: payment.currency,
        description: payment.description,
        providerPaymentId: payment.id,
      })
      .onConflictDoNothing()
      .returning({ id: transactions.id });
    if (!inserted) return null;
    return (await applyProviderPayment(tx, scope, claim.transactionId, payment)).transaction;
  });
}
