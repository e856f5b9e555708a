import { and, eq } from 'drizzle-orm';
import { transactions } from '../platform/db/schema.js';
import { withTenant } from '../platform/db/tenant.js';
import { notFound } from '../platform/http/errors.js';
import type { AppContext } from '../platform/http/types.js';
import { applyProviderPayment } from '../payments/apply-provider-payment.js';
import { checkoutLimitsOf, takeCompleteAttempt } from '../payments/checkout-throttle.js';
import { refreshPayment, requireConnection } from '../payments/refresh-payment.js';
import { cancelsPayments, providerErrorToAppError } from '../providers/payment-provider.js';

/**
 * POST /payments/:paymentId/cancel of the public API: the buyer gave up on this attempt (closed
 * PayPal's window, pressed Cancel there). Only a payment the provider still shows unpaid and not
 * approved is canceled: at the provider where it can be (Stripe), else in our records (a PayPal
 * order cannot be voided; it expires unpaid, and only our own capture could take its money, which
 * would show it succeeded again). Anything further along is converged from a fresh read instead.
 * Limited per IP with the status checks.
 */
export async function cancelPayment(ctx: AppContext, input: { accountId: string; paymentId: string; ip: string }) {
  await takeCompleteAttempt(ctx.database, checkoutLimitsOf(ctx.config), input.ip);
  const [row] = await withTenant(ctx.database, input.accountId, (tx) =>
    tx.select().from(transactions).where(and(eq(transactions.accountId, input.accountId), eq(transactions.id, input.paymentId))),
  );
  if (!row) throw notFound('Payment');
  if (!row.providerPaymentId || (row.status !== 'pending' && row.status !== 'failed')) return row;
  const scope = { accountId: input.accountId, mode: row.mode };
  const target = { transactionId: row.id, paymentId: row.providerPaymentId };
  try {
    const connection = await requireConnection(ctx, scope, row.provider);
    const payment = await connection.readPayment(row.providerPaymentId);
    const open = payment.status === 'pending' || (payment.status === 'failed' && payment.awaitingRetry);
    if (!open) return await refreshPayment(ctx, scope, target, connection);
    if (cancelsPayments(connection)) {
      await connection.cancelPayment(row.providerPaymentId, 'abandoned');
      return await refreshPayment(ctx, scope, target, connection);
    }
    const canceled = { ...payment, status: 'canceled' as const, failure: { code: 'canceled_by_buyer', message: 'The payment was canceled.', ref: `${payment.id}:canceled` } };
    return (await withTenant(ctx.database, input.accountId, (tx) => applyProviderPayment(tx, scope, row.id, canceled))).transaction;
  } catch (err) {
    throw providerErrorToAppError(err, 'canceling the payment');
  }
}
