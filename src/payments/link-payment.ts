import { and, eq, isNull } from 'drizzle-orm';
import type { Scope } from '../platform/tenancy/scope.js';
import { transactions } from '../platform/db/schema.js';
import { withTenant } from '../platform/db/tenant.js';
import type { AppContext } from '../platform/http/types.js';
import type { PaymentConnection } from '../providers/payment-provider.js';
import type { TransactionRow } from './apply-provider-payment.js';
import { refreshPayment } from './refresh-payment.js';

/**
 * Links a provider's payment made for a transaction (our claim on it) that the transaction does
 * not know — a crash between the provider's answer and our write — then converges the transaction
 * to it. Returns null, changing nothing, when the transaction is already linked to another payment.
 */
export async function linkPayment(ctx: AppContext, scope: Scope, connection: PaymentConnection, transactionId: string, paymentId: string): Promise<TransactionRow | null> {
  const linkedTo = await withTenant(ctx.database, scope.accountId, async (tx) => {
    const where = and(eq(transactions.accountId, scope.accountId), eq(transactions.mode, scope.mode), eq(transactions.id, transactionId));
    await tx.update(transactions).set({ providerPaymentId: paymentId, updatedAt: new Date() }).where(and(where, isNull(transactions.providerPaymentId)));
    const [row] = await tx.select({ paymentId: transactions.providerPaymentId }).from(transactions).where(where);
    return row?.paymentId;
  });
  if (linkedTo !== paymentId) return null;
  return refreshPayment(ctx, scope, { transactionId, paymentId }, connection);
}
