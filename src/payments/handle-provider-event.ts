import { and, eq } from 'drizzle-orm';
import type { Scope } from '../platform/tenancy/scope.js';
import { transactions } from '../platform/db/schema.js';
import { withTenant } from '../platform/db/tenant.js';
import type { AppContext } from '../platform/http/types.js';
import type { PaymentConnection, ProviderEvent } from '../providers/payment-provider.js';
import { refreshPayment } from './refresh-payment.js';

/**
 * Applies a verified event: the payment it concerns is re-read from the provider and converged,
 * so the stored end state does not depend on the order or the number of deliveries. A payment we
 * did not make (no transaction, no claim of ours in this account and mode) is ignored. Returns the
 * transaction the event concerned, if any.
 */
export async function handleProviderEvent(ctx: AppContext, scope: Scope, connection: PaymentConnection, event: ProviderEvent): Promise<string | null> {
  const { paymentId } = event;
  if (!paymentId) return null;
  const ofThisScope = and(eq(transactions.accountId, scope.accountId), eq(transactions.mode, scope.mode), eq(transactions.provider, connection.provider));
  const [known] = await withTenant(ctx.database, scope.accountId, (tx) =>
    tx.select({ id: transactions.id }).from(transactions).where(and(ofThisScope, eq(transactions.providerPaymentId, paymentId))),
  );
  let transactionId = known?.id;
  if (!transactionId) {
    // Created but never linked (a crash between the provider's answer and our write): our claim is on it.
    const { claim } = await connection.readPayment(paymentId);
    if (!claim || claim.accountId !== scope.accountId) return null;
    const [ours] = await withTenant(ctx.database, scope.accountId, (tx) =>
      tx.select({ id: transactions.id }).from(transactions).where(and(ofThisScope, eq(transactions.id, claim.transactionId))),
    );
    if (!ours) return null;
    transactionId = ours.id;
  }
  await refreshPayment(ctx, scope, { transactionId, paymentId }, connection);
  return transactionId;
}
