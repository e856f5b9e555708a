import type { Scope } from '../platform/tenancy/scope.js';
import { withTenant } from '../platform/db/tenant.js';
import type { AppContext } from '../platform/http/types.js';
import { cancelsPayments, ProviderError, type PaymentConnection, type ProviderPayment } from '../providers/payment-provider.js';
import { applyProviderPayment, type TransactionRow } from './apply-provider-payment.js';
import { refreshPayment } from './refresh-payment.js';

const reasons = {
  buyer: { code: 'canceled_by_buyer', message: 'The payment was canceled.' },
  abandoned: { code: 'abandoned', message: 'The checkout was abandoned before it was paid.' },
} as const;

/** What we know of a payment the provider no longer has: nothing moved. */
const gone: Omit<ProviderPayment, 'id'> = { claim: null, status: 'canceled', amount: 0, currency: '', description: '', chargeId: null, amountRefunded: 0, failure: null, awaitingRetry: false, customerId: null, refunds: [], dispute: null, method: null, settlement: null };

/** A fresh read, or null when the provider no longer has the payment (PayPal forgets orders nobody approved after a while). */
export async function readIfStillThere(connection: PaymentConnection, paymentId: string): Promise<ProviderPayment | null> {
  try {
    return await connection.readPayment(paymentId);
  } catch (err) {
    if (err instanceof ProviderError && err.kind === 'not_found') return null;
    throw err;
  }
}

/**
 * Cancels a payment nobody is going to pay: the buyer gave up (`buyer`), or the checkout was left
 * unpaid for too long (`abandoned`, reconciliation). Only a payment its provider still shows open
 * (not approved, not paid), or no longer has at all, is canceled: at the provider where it can be (Stripe), else in our
 * records — a PayPal order cannot be voided and expires unpaid at PayPal, and only our own capture
 * could take its money, which would show it succeeded again. Anything further along is converged
 * from a fresh read instead.
 */
export async function cancelOpenPayment(
  ctx: AppContext,
  scope: Scope,
  target: { transactionId: string; paymentId: string },
  connection: PaymentConnection,
  why: keyof typeof reasons,
): Promise<TransactionRow> {
  const payment = await readIfStillThere(connection, target.paymentId);
  const open = !payment || payment.status === 'pending' || payment.status === 'requires_action' || (payment.status === 'failed' && payment.awaitingRetry);
  if (!open) return refreshPayment(ctx, scope, target, connection);
  if (payment && cancelsPayments(connection)) {
    try {
      await connection.cancelPayment(target.paymentId, 'abandoned');
    } catch (err) {
      // The provider refuses when the payment moved on meanwhile (say, it just succeeded): the read below says how.
      if (!(err instanceof ProviderError) || err.kind === 'unavailable') throw err;
    }
    return refreshPayment(ctx, scope, target, connection);
  }
  const { code, message } = reasons[why];
  const base = payment ?? { ...gone, id: target.paymentId };
  const canceled = { ...base, status: 'canceled' as const, failure: { code, message, ref: `${base.id}:${code}` } };
  return (await withTenant(ctx.database, scope.accountId, (tx) => applyProviderPayment(tx, scope, target.transactionId, canceled))).transaction;
}
