import { and, eq, isNull } from 'drizzle-orm';
import type { Scope } from '../platform/tenancy/scope.js';
import { refunds } from '../platform/db/schema.js';
import { withTenant } from '../platform/db/tenant.js';
import { AppError } from '../platform/http/errors.js';
import type { AppContext } from '../platform/http/types.js';
import { ProviderError, providerNames, type PaymentConnection } from '../providers/payment-provider.js';
import { refreshPayment } from './refresh-payment.js';
import type { RefundRow } from './serialize.js';
import { recordRefund } from './upsert-refunds.js';

const refundWhere = (scope: Scope, refundId: string) => and(eq(refunds.accountId, scope.accountId), eq(refunds.mode, scope.mode), eq(refunds.id, refundId));

async function reloadRefund(ctx: AppContext, scope: Scope, refundId: string): Promise<RefundRow> {
  const [row] = await withTenant(ctx.database, scope.accountId, (tx) => tx.select().from(refunds).where(refundWhere(scope, refundId)));
  return row!;
}

/**
 * Asks the provider for a refund already stored `pending` under our id, then converges the
 * transaction. The same parameters and idempotency key every time, so the route and
 * reconciliation can both call it for one refund. The provider refusing → the row is `failed`
 * with its reason and a 422; the provider unreachable (or busy with the same key) → a 503 and the
 * row stays `pending` for reconciliation. Once the provider made the refund it counts: if the
 * convergence fails, the provider's id is written alone and reconciliation (or the refund's
 * webhook) finishes the job.
 */
export async function submitRefund(ctx: AppContext, scope: Scope, connection: PaymentConnection, refund: RefundRow, paymentId: string): Promise<RefundRow> {
  const name = providerNames[connection.provider];
  let created: { id: string };
  try {
    created = await connection.refund(paymentId, { refundId: refund.id, transactionId: refund.transactionId, accountId: scope.accountId, amount: refund.amount, reason: refund.reason });
  } catch (err) {
    if (!(err instanceof ProviderError)) throw err;
    if (err.kind === 'unavailable') {
      throw new AppError('provider_unavailable', `${name} could not be reached: the refund is kept pending and sent again automatically within minutes.`, { refundId: refund.id });
    }
    const reason = err.message || `${name} refused the refund.`;
    await withTenant(ctx.database, scope.accountId, async (tx) => {
      const [failed] = await tx
        .update(refunds)
        .set({ status: 'failed', failureReason: reason, updatedAt: new Date() })
        .where(and(refundWhere(scope, refund.id), eq(refunds.status, 'pending'), isNull(refunds.providerRefundId)))
        .returning();
      if (failed) await recordRefund(tx, failed);
    });
    throw new AppError('unprocessable', `${name} refused the refund: ${reason}`, { provider: connection.provider, providerCode: err.providerCode, refundId: refund.id });
  }
  try {
    await refreshPayment(ctx, scope, { transactionId: refund.transactionId, paymentId }, connection);
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
