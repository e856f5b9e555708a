import type { RefundRow, TransactionRow } from './serialize.js';
import { refundCounts } from './payment-status.js';

/**
 * What a new refund may still take: the amount minus every refund that succeeded or is in
 * progress (ours not yet confirmed by the provider included), and nothing unless the payment went through
 * and is not fully refunded.
 */
export function refundableAmount(transaction: TransactionRow, refunds: RefundRow[]): number {
  if (transaction.status !== 'succeeded' && transaction.status !== 'partially_refunded') return 0;
  const counted = refunds.filter((r) => refundCounts(r.status)).reduce((sum, r) => sum + r.amount, 0);
  return Math.max(0, transaction.amount - Math.max(transaction.amountRefunded, counted));
}
