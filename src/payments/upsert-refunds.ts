import { and, eq } from 'drizzle-orm';
import { newId } from '../platform/tenancy/ids.js';
import { refunds, type transactions } from '../platform/db/schema.js';
import type { Tx } from '../platform/db/tenant.js';
import type { ProviderRefund } from '../providers/payment-provider.js';
import { refundMovesForward } from './payment-status.js';
import { recordTimeline } from './timeline.js';

type TransactionRow = typeof transactions.$inferSelect;
export type RefundRow = typeof refunds.$inferSelect;

/**
 * Brings the transaction's refund rows in line with the provider's refunds: ours are matched by the
 * provider's id or by the refund id we gave it; refunds made elsewhere (the provider's dashboard)
 * are added. Returns every refund row of the transaction.
 */
export async function upsertRefunds(tx: Tx, transaction: TransactionRow, providerRefunds: ProviderRefund[]): Promise<RefundRow[]> {
  const rows = await tx.select().from(refunds).where(and(eq(refunds.accountId, transaction.accountId), eq(refunds.transactionId, transaction.id)));
  for (const refund of providerRefunds) {
    const { status } = refund;
    const ours = rows.find((r) => r.providerRefundId === refund.id || (refund.refundId !== null && r.id === refund.refundId));
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
          failureReason: refund.failureReason,
        })
        .onConflictDoNothing()
        .returning();
      if (inserted) {
        rows.push(inserted);
        await recordRefund(tx, inserted);
      }
      continue;
    }
    if (ours.providerRefundId === refund.id && ours.amount === refund.amount && (ours.status === status || !refundMovesForward(ours.status, status))) continue;
    const next = refundMovesForward(ours.status, status) ? status : ours.status;
    const [updated] = await tx
      .update(refunds)
      .set({ providerRefundId: refund.id, amount: refund.amount, status: next, failureReason: refund.failureReason ?? ours.failureReason, updatedAt: new Date() })
      .where(and(eq(refunds.accountId, transaction.accountId), eq(refunds.id, ours.id)))
      .returning();
    rows[rows.indexOf(ours)] = updated!;
    if (updated!.status !== ours.status) await recordRefund(tx, updated!);
  }
  return rows;
}

/** A refund's step on the payment's timeline. */
export function recordRefund(tx: Tx, refund: RefundRow): Promise<void> {
  const { accountId, mode, transactionId, id: refundId, amount, currency, status, failureReason } = refund;
  return recordTimeline(tx, { accountId, mode, transactionId }, { kind: 'refund', refundId, amount, currency, status, failureReason });
}
