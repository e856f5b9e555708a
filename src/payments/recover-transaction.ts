import { and, eq, sql } from 'drizzle-orm';
import type Stripe from 'stripe';
import { idPattern, newId } from '../platform/tenancy/ids.js';
import type { Scope } from '../platform/tenancy/scope.js';
import { contacts, paymentForms, transactions } from '../platform/db/schema.js';
import { withTenant } from '../platform/db/tenant.js';
import type { AppContext } from '../platform/http/types.js';
import type { StripeConnection } from '../providers/stripe/load-stripe-connection.js';
import { applyStripePayment, type TransactionRow } from './apply-stripe-payment.js';
import { readStripePayment } from './stripe-payment-state.js';

const transactionIdPattern = new RegExp(idPattern('pay'));

/** Our transaction id in a PaymentIntent's metadata, when the PaymentIntent was made by this account. */
export function claimedTransactionId(pi: Stripe.PaymentIntent, accountId: string): string | null {
  const id = pi.metadata?.onepagepay_transaction_id;
  return pi.metadata?.onepagepay_account_id === accountId && id && transactionIdPattern.test(id) ? id : null;
}

/**
 * Writes a transaction again from the PaymentIntent made for it, when the transaction itself is
 * gone (say, the database was restored from a backup taken before the payment): same id, form,
 * amount, currency and description, the buyer from the Stripe customer, then converged like any
 * payment (contact totals, HubSpot sync). The line items are not at Stripe and stay unknown.
 * Returns null, writing nothing, when the PaymentIntent lacks what a transaction needs.
 */
export async function recoverTransaction(ctx: AppContext, scope: Scope, connection: StripeConnection, pi: Stripe.PaymentIntent): Promise<TransactionRow | null> {
  const transactionId = claimedTransactionId(pi, scope.accountId);
  const formId = pi.metadata?.onepagepay_form_id;
  const customerId = typeof pi.customer === 'string' ? pi.customer : pi.customer?.id;
  if (!transactionId || !formId || !customerId) return null;
  const customer = await connection.client.customers.retrieve(customerId);
  if (customer.deleted || !customer.email) return null;
  const state = await readStripePayment(connection.client, pi.id);
  const [firstName = '', ...rest] = (customer.name ?? '').trim().split(/\s+/);

  return withTenant(ctx.database, scope.accountId, async (tx) => {
    const [form] = await tx
      .select({ id: paymentForms.id })
      .from(paymentForms)
      .where(and(eq(paymentForms.accountId, scope.accountId), eq(paymentForms.mode, scope.mode), eq(paymentForms.id, formId)));
    if (!form) return null;
    const [contact] = await tx
      .insert(contacts)
      .values({ id: newId('ct'), accountId: scope.accountId, mode: scope.mode, email: customer.email!.trim().toLowerCase(), firstName, lastName: rest.join(' '), stripeCustomerId: customerId })
      .onConflictDoUpdate({
        target: [contacts.accountId, contacts.mode, contacts.email],
        set: { stripeCustomerId: sql`coalesce(${contacts.stripeCustomerId}, excluded.stripe_customer_id)`, updatedAt: new Date() },
      })
      .returning();
    const [inserted] = await tx
      .insert(transactions)
      .values({
        id: transactionId,
        accountId: scope.accountId,
        mode: scope.mode,
        formId: form.id,
        contactId: contact!.id,
        idempotencyKey: `recovered-${pi.id}`,
        requestHash: '',
        provider: 'stripe',
        amount: pi.amount,
        currency: pi.currency,
        description: pi.description ?? '',
        providerPaymentId: pi.id,
      })
      .onConflictDoNothing()
      .returning({ id: transactions.id });
    if (!inserted) return null;
    return (await applyStripePayment(tx, scope, transactionId, state)).transaction;
  });
}
