import { and, eq, isNull } from 'drizzle-orm';
import Stripe from 'stripe';
import type { Scope } from '../platform/tenancy/scope.js';
import { refunds } from '../platform/db/schema.js';
import { withTenant } from '../platform/db/tenant.js';
import { AppError } from '../platform/http/errors.js';
import type { AppContext } from '../platform/http/types.js';
import type { StripeConnection } from '../providers/stripe/load-stripe-connection.js';
import { refreshFromStripe } from './refresh-from-stripe.js';
import type { RefundRow } from './serialize.js';

/** Stripe's idempotency key of one of our refunds: a retry (the route's, or reconciliation's) can only ever make that one refund. */
export const refundIdempotencyKey = (refundId: string) => `onepagepay-refund-${refundId}`;

/**
 * Stripe answered and said no to the request itself (a 4xx), so nothing was made. Not a refusal:
 * 429, and 409 or an idempotency error — another request with the same key may have made it.
 */
export function isStripeRefusal(err: unknown): err is Stripe.errors.StripeError {
  return (
    err instanceof Stripe.errors.StripeError &&
    !(err instanceof Stripe.errors.StripeConnectionError || err instanceof Stripe.errors.StripeRateLimitError || err instanceof Stripe.errors.StripeIdempotencyError) &&
    err.statusCode !== undefined &&
    err.statusCode >= 400 &&
    err.statusCode < 500 &&
    err.statusCode !== 409
  );
}

const refundWhere = (scope: Scope, refundId: string) => and(eq(refunds.accountId, scope.accountId), eq(refunds.mode, scope.mode), eq(refunds.id, refundId));

async function reloadRefund(ctx: AppContext, scope: Scope, refundId: string): Promise<RefundRow> {
  const [row] = await withTenant(ctx.database, scope.accountId, (tx) => tx.select().from(refunds).where(refundWhere(scope, refundId)));
  return row!;
}

/**
 * Asks Stripe for a refund already stored `pending` under our id, then converges the transaction.
 * The same parameters and idempotency key every time, so the route and reconciliation can both
 * call it for one refund. Stripe refusing → the row is `failed` with Stripe's reason and a 422;
 * Stripe unreachable (or busy with the same key) → a 503 and the row stays `pending` for
 * reconciliation. Once Stripe made the
 * refund it counts: if the convergence fails, the Stripe id is written alone and reconciliation (or
 * the refund's webhook) finishes the job.
 */
export async function submitRefund(ctx: AppContext, scope: Scope, connection: StripeConnection, refund: RefundRow, paymentIntentId: string): Promise<RefundRow> {
  let created: Stripe.Refund;
  try {
    created = await connection.client.refunds.create(
      {
        payment_intent: paymentIntentId,
        amount: refund.amount,
        ...(refund.reason ? { reason: refund.reason as Stripe.RefundCreateParams.Reason } : {}),
        metadata: { onepagepay_refund_id: refund.id, onepagepay_transaction_id: refund.transactionId, onepagepay_account_id: scope.accountId },
      },
      { idempotencyKey: refundIdempotencyKey(refund.id) },
    );
  } catch (err) {
    if (!isStripeRefusal(err)) {
      if (!(err instanceof Stripe.errors.StripeError)) throw err;
      throw new AppError('provider_unavailable', 'Stripe could not be reached: the refund is kept pending and sent again automatically within minutes.', { refundId: refund.id });
    }
    const reason = err.message || 'Stripe refused the refund.';
    await withTenant(ctx.database, scope.accountId, (tx) =>
      tx
        .update(refunds)
        .set({ status: 'failed', failureReason: reason, updatedAt: new Date() })
        .where(and(refundWhere(scope, refund.id), eq(refunds.status, 'pending'), isNull(refunds.providerRefundId))),
    );
    throw new AppError('unprocessable', `Stripe refused the refund: ${reason}`, { provider: 'stripe', providerCode: err.code ?? err.type, refundId: refund.id });
  }
  try {
    await refreshFromStripe(ctx, scope, { transactionId: refund.transactionId, paymentIntentId }, connection);
  } catch {
    await withTenant(ctx.database, scope.accountId, (tx) =>
      tx
        .update(refunds)
        .set({ providerRefundId: created.id, updatedAt: new Date() })
        .where(and(refundWhere(scope, refund.id), isNull(refunds.providerRefundId))),
    );
  }
  return reloadRefund(ctx, scope, refund.id);
}
