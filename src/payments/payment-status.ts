import type { RefundStatus, TransactionStatus } from '../platform/db/schema.js';

/** Refund states only move forward: a late, stale read never undoes a later one. */
const refundRank: Record<RefundStatus, number> = { pending: 0, requires_action: 0, succeeded: 1, failed: 2, canceled: 2 };
export const refundMovesForward = (from: RefundStatus, to: RefundStatus) => refundRank[to] >= refundRank[from];

/** Money that left (or is leaving) the merchant: providers count refunds in progress as refunded too. */
export const refundCounts = (status: RefundStatus) => status === 'pending' || status === 'requires_action' || status === 'succeeded';

const successful = new Set<TransactionStatus>(['succeeded', 'partially_refunded', 'refunded']);

/**
 * The stored status after applying a fresh read. A payment that succeeded (or was canceled)
 * never goes back to an earlier state because a stale read arrived late; refunds decide between
 * succeeded, partially_refunded and refunded.
 */
export function nextTransactionStatus(current: TransactionStatus, read: TransactionStatus, amount: number, amountRefunded: number): TransactionStatus {
  let status = read;
  if (successful.has(current) && !successful.has(read)) status = current;
  if (current === 'canceled' && !successful.has(read)) status = 'canceled';
  if (successful.has(status)) status = amountRefunded >= amount ? 'refunded' : amountRefunded > 0 ? 'partially_refunded' : 'succeeded';
  return status;
}

export const isSuccessful = (status: TransactionStatus) => successful.has(status);
