import { and, eq } from 'drizzle-orm';
import type { Scope } from '../platform/tenancy/scope.js';
import { transactions, type TransactionStatus } from '../platform/db/schema.js';
import type { Tx } from '../platform/db/tenant.js';
import { notFound } from '../platform/http/errors.js';
import { enqueue } from '../platform/jobs/enqueue.js';
import { queues } from '../platform/jobs/queues.js';
import { refreshContactTotals, takeBuyerDetails } from './contact-totals.js';
import type { ProviderPayment } from '../providers/payment-provider.js';
import { isSuccessful, nextTransactionStatus, refundCounts } from './payment-status.js';
import { failureWords } from './failure-words.js';
import { upsertRefunds } from './upsert-refunds.js';
import { recordTimeline } from './timeline.js';
import { queueEmail } from '../email/queue-email.js';
import type { SyncJobData } from '../sync/sync-job.js';

export type TransactionRow = typeof transactions.$inferSelect;

const syncedStatuses = new Set<TransactionStatus>(['succeeded', 'failed', 'refunded', 'partially_refunded']);
const refundedStatuses = new Set<TransactionStatus>(['refunded', 'partially_refunded']);

export interface ApplyResult {
  transaction: TransactionRow;
  /** The read showed a decline the row did not know yet (counted against the buyer's IP). */
  newDecline: boolean;
}

/**
 * Converges a transaction to what its provider says (a fresh read, never an event body), under a
 * row lock so concurrent webhooks and completes apply one at a time. Idempotent: applying the same
 * state twice changes nothing the second time. A change of status or of the refunded amount
 * refreshes the contact's totals and enqueues the HubSpot sync in this same transaction; a change
 * of the dispute enqueues the sync too.
 */
export async function applyProviderPayment(tx: Tx, scope: Scope, transactionId: string, payment: ProviderPayment): Promise<ApplyResult> {
  const where = and(eq(transactions.accountId, scope.accountId), eq(transactions.mode, scope.mode), eq(transactions.id, transactionId));
  const [row] = await tx.select().from(transactions).where(where).for('update');
  if (!row) throw notFound('Payment');

  const refundRows = await upsertRefunds(tx, row, payment.refunds);
  const refunded = refundRows.filter((r) => r.providerRefundId && refundCounts(r.status)).reduce((sum, r) => sum + r.amount, 0);
  const amountRefunded = Math.min(row.amount, Math.max(refunded, payment.amountRefunded));
  const status = nextTransactionStatus(row.status, payment.status, row.amount, amountRefunded);

  const { failure: read } = payment;
  const failure =
    (status === 'failed' || status === 'canceled') && read
      ? { failureCode: read.code, failureMessage: failureWords(read.code, read.message), failureRef: read.ref }
      : status === 'failed'
        ? { failureCode: row.failureCode, failureMessage: row.failureMessage, failureRef: row.failureRef }
        : isSuccessful(status)
          ? { failureCode: null, failureMessage: null, failureRef: row.failureRef }
          : { failureCode: row.failureCode, failureMessage: row.failureMessage, failureRef: row.failureRef };
  const next = {
    status,
    amountRefunded,
    providerPaymentId: row.providerPaymentId ?? payment.id,
    providerChargeId: payment.chargeId ?? row.providerChargeId,
    succeededAt: row.succeededAt ?? (isSuccessful(status) ? new Date() : null),
    // A dispute never goes away: a read that shows none (another provider, an older read) keeps ours.
    disputeStatus: payment.dispute ?? row.disputeStatus,
    methodType: payment.method?.type ?? row.methodType,
    methodBrand: payment.method ? payment.method.brand : row.methodBrand,
    methodLast4: payment.method ? payment.method.last4 : row.methodLast4,
    methodEmail: payment.method ? payment.method.email : row.methodEmail,
    settlementCurrency: payment.settlement?.currency ?? row.settlementCurrency,
    feeAmount: payment.settlement?.fee ?? row.feeAmount,
    netAmount: payment.settlement?.net ?? row.netAmount,
    ...failure,
  };
  const changed = (Object.keys(next) as (keyof typeof next)[]).some((key) => String(next[key]) !== String(row[key]));
  if (!changed) return { transaction: row, newDecline: false };

  const [updated] = await tx.update(transactions).set({ ...next, updatedAt: new Date() }).where(where).returning();
  const ref = { accountId: scope.accountId, mode: scope.mode, transactionId: row.id };
  // Refunds tell their own story (upsertRefunds): the statuses they lead to are not repeated.
  if (status !== row.status && !refundedStatuses.has(status)) await recordTimeline(tx, ref, { kind: 'status', status, reason: next.failureMessage });
  if (next.disputeStatus && next.disputeStatus !== row.disputeStatus) await recordTimeline(tx, ref, { kind: 'dispute', status: next.disputeStatus });
  if (isSuccessful(status) && !isSuccessful(row.status)) {
    await takeBuyerDetails(tx, updated!);
    await queueEmail(tx, scope, { kind: 'payment_receipt', ref: row.id, transactionId: row.id });
  }
  // One refund receipt per refund that went through (queueEmail ignores one already queued).
  for (const refund of refundRows) if (refund.status === 'succeeded') await queueEmail(tx, scope, { kind: 'refund_receipt', ref: refund.id, transactionId: row.id });
  const moneyChanged = status !== row.status || amountRefunded !== row.amountRefunded;
  if (moneyChanged) await refreshContactTotals(tx, scope.accountId, row.contactId);
  if ((moneyChanged || next.disputeStatus !== row.disputeStatus) && syncedStatuses.has(status)) {
    const data: SyncJobData = { accountId: scope.accountId, mode: scope.mode, transactionId: row.id, status, amountRefunded };
    await enqueue(tx, queues.hubspotSync.name, data);
  }
  return { transaction: updated!, newDecline: status === 'failed' && next.failureRef !== row.failureRef };
}
