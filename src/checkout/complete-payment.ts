import { and, eq } from 'drizzle-orm';
import { paymentForms, transactions } from '../platform/db/schema.js';
import { withTenant } from '../platform/db/tenant.js';
import { notFound } from '../platform/http/errors.js';
import type { AppContext } from '../platform/http/types.js';
import { refreshFromStripe } from '../payments/refresh-from-stripe.js';
import { stripeErrorToAppError } from '../providers/stripe/stripe-errors.js';

/**
 * POST /payments/:paymentId/complete of the public API: re-reads the PaymentIntent from Stripe,
 * converges the stored transaction, and tells the browser how it ended (with the form's success
 * message or redirect).
 */
export async function completePayment(ctx: AppContext, input: { accountId: string; paymentId: string }) {
  const found = await withTenant(ctx.database, input.accountId, async (tx) => {
    const [row] = await tx
      .select({ transaction: transactions, successMessage: paymentForms.successMessage, redirectUrl: paymentForms.redirectUrl })
      .from(transactions)
      .innerJoin(paymentForms, and(eq(paymentForms.accountId, transactions.accountId), eq(paymentForms.id, transactions.formId)))
      .where(and(eq(transactions.accountId, input.accountId), eq(transactions.id, input.paymentId)));
    return row;
  });
  if (!found) throw notFound('Payment');
  let transaction = found.transaction;
  if (transaction.stripePaymentIntentId) {
    try {
      const scope = { accountId: input.accountId, mode: transaction.mode };
      transaction = await refreshFromStripe(ctx, scope, { transactionId: transaction.id, paymentIntentId: transaction.stripePaymentIntentId });
    } catch (err) {
      throw stripeErrorToAppError(err, 'reading the payment');
    }
  }
  return {
    object: 'payment' as const,
    id: transaction.id,
    status: transaction.status,
    amount: transaction.amount,
    currency: transaction.currency,
    provider: transaction.provider,
    failureMessage: transaction.status === 'failed' || transaction.status === 'canceled' ? (transaction.failureMessage ?? 'The payment did not go through.') : null,
    successMessage: found.successMessage,
    redirectUrl: found.redirectUrl,
  };
}
