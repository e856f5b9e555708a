import { and, eq } from 'drizzle-orm';
import { transactions } from '../platform/db/schema.js';
import { withTenant } from '../platform/db/tenant.js';
import { notFound } from '../platform/http/errors.js';
import type { AppContext } from '../platform/http/types.js';
import { cancelOpenPayment } from '../payments/cancel-open-payment.js';
import { checkoutLimitsOf, takeCompleteAttempt } from '../payments/checkout-throttle.js';
import { requireConnection } from '../payments/refresh-payment.js';
import { providerErrorToAppError } from '../providers/payment-provider.js';

/**
 * POST /payments/:paymentId/cancel of the public API: the buyer gave up on this attempt (closed
 * PayPal's window, pressed Cancel there). An open payment is canceled (cancelOpenPayment); one that
 * moved on is answered as it is. Limited per IP with the status checks.
 */
export async function cancelPayment(ctx: AppContext, input: { accountId: string; paymentId: string; ip: string }) {
  await takeCompleteAttempt(ctx.database, checkoutLimitsOf(ctx.config), input.ip);
  const [row] = await withTenant(ctx.database, input.accountId, (tx) =>
    tx.select().from(transactions).where(and(eq(transactions.accountId, input.accountId), eq(transactions.id, input.paymentId))),
  );
  if (!row) throw notFound('Payment');
  if (!row.providerPaymentId || (row.status !== 'pending' && row.status !== 'failed')) return row;
  const scope = { accountId: input.accountId, mode: row.mode };
  try {
    const connection = await requireConnection(ctx, scope, row.provider);
    return await cancelOpenPayment(ctx, scope, { transactionId: row.id, paymentId: row.providerPaymentId }, connection, 'buyer');
  } catch (err) {
    throw providerErrorToAppError(err, 'canceling the payment');
  }
}
