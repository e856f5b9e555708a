import { and, eq, isNull } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { Scope } from '../platform/tenancy/scope.js';
import { transactions } from '../platform/db/schema.js';
import { withTenant } from '../platform/db/tenant.js';
import type { AppContext } from '../platform/http/types.js';
import type { StripeConnection } from '../providers/stripe/load-stripe-connection.js';
import type { TransactionRow } from './apply-stripe-payment.js';
import { refreshFromStripe } from './refresh-from-stripe.js';

/**
 * Links a PaymentIntent made for a transaction (our id in its metadata) that the transaction does
 * not know — a crash between Stripe's answer and our write — then converges the transaction to
 * it. Returns null, changing nothing, when the transaction is already linked to another PaymentIntent.
 */
export async function linkPaymentIntent(
  ctx: AppContext,
  scope: Scope,
  connection: StripeConnection,
  transactionId: string,
  pi: Stripe.PaymentIntent,
): Promise<TransactionRow | null> {
  const linkedTo = await withTenant(ctx.database, scope.accountId, async (tx) => {
    const where = and(eq(transactions.accountId, scope.accountId), eq(transactions.mode, scope.mode), eq(transactions.id, transactionId));
    await tx.update(transactions).set({ providerPaymentId: pi.id, updatedAt: new Date() }).where(and(where, isNull(transactions.providerPaymentId)));
    const [row] = await tx.select({ pi: transactions.providerPaymentId }).from(transactions).where(where);
    return row?.pi;
  });
  if (linkedTo !== pi.id) return null;
  return refreshFromStripe(ctx, scope, { transactionId, paymentIntentId: pi.id }, connection);
}
