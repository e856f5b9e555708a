import { and, eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import { newId } from '../platform/tenancy/ids.js';
import { refunds, type transactions } from '../platform/db/schema.js';
import type { Tx } from '../platform/db/tenant.js';
import { refundMovesForward, refundStatusOf } from './stripe-payment-state.js';

type TransactionRow = typeof transactions.$inferSelect;
export type RefundRow = typeof refunds.$inferSelect;

/**
 * Brings the transaction's refund rows in line with Stripe's refunds: ours are matched by the
 * Stripe id or by the refund id we put in its metadata; refunds made elsewhere (Stripe's
 * dashboard) are added. Returns every refund row of the transaction.
 */
export async function upsertRefunds(tx: Tx, transaction: TransactionRow, stripeRefunds: Stripe.Refund[]): Promise<RefundRow[]> {
  const rows = await tx.select().from(refunds).where(and(eq(refunds.accountId, transaction.accountId), eq(refunds.transactionId, transaction.id)));
  for (const refund of stripeRefunds) {
    const status = refundStatusOf(refund);
    const ours = rows.find((r) => r.providerRefundId === refund.id || r.id === refund.metadata?.onepagepay_refund_id);
    if (!ours) {
      const [inserted] = await tx
        .insert(refunds)
        .values({
          id: newId('rf'),
          accountId: transaction.accountId,
          mode: transaction.mode,
          transactionId: transaction.id,
          amount: refund.amount,
          currency: refund.currency,
          status,
          reason: refund.reason,
          providerRefundId: refund.id,
          failureReason: refund.failure_reason ?? null,
        })
        .onConflictDoNothing()
        .returning();
      if (inserted) rows.push(inserted);
      continue;
    }
    if (ours.providerRefundId === refund.id && ours.amount === refund.amount && (ours.status === status || !refundMovesForward(ours.status, status))) continue;
    const next = refundMovesForward(ours.status, status) ? status : ours.status;
    const [updated] = await tx
      .update(refunds)
      .set({ providerRefundId: refund.id, amount: refund.amount, status: next, failureReason: refund.failure_reason ?? ours.failureReason, updatedAt: new Date() })
      .where(and(eq(refunds.accountId, transaction.accountId), eq(refunds.id, ours.id)))
      .returning();
    rows[rows.indexOf(ours)] = updated!;
  }
  return rows;
}
