import { setTimeout as sleep } from 'node:timers/promises';
import { and, eq, sql } from 'drizzle-orm';
import { paymentForms, transactions, type TransactionStatus } from '../platform/db/schema.js';
import { withTenant } from '../platform/db/tenant.js';
import { notFound } from '../platform/http/errors.js';
import type { AppContext } from '../platform/http/types.js';
import { refreshPayment, requireConnection } from '../payments/refresh-payment.js';
import { providerErrorToAppError } from '../providers/payment-provider.js';
import { checkoutLimitsOf, takeCompleteAttempt } from '../payments/checkout-throttle.js';
import type { Static } from '@sinclair/typebox';
import type { CompletedPaymentSchema } from './schemas.js';

/** The provider is read at most once per payment in this interval; other calls answer from the database. */
export const providerReadIntervalMs = 2000;

/** States a new read cannot change for the buyer: answered from the database. */
const settled = new Set<TransactionStatus>(['succeeded', 'partially_refunded', 'refunded', 'canceled']);

/**
 * POST /payments/:paymentId/complete of the public API: re-reads the payment from its provider
 * (for PayPal, captures the order the buyer approved), converges the stored transaction, and tells the browser how it ended (with the form's success
 * message or redirect). Limited per IP; a settled payment is answered from the database, and an
 * open one reads the provider at most once per `providerReadIntervalMs` (a call inside that interval
 * waits for its end, then reads or answers what the last read stored), so a flood of calls costs
 * the merchant's provider key almost nothing.
 */
export async function completePayment(ctx: AppContext, input: { accountId: string; paymentId: string; ip: string }): Promise<Static<typeof CompletedPaymentSchema>> {
  await takeCompleteAttempt(ctx.database, checkoutLimitsOf(ctx.config), input.ip);
  let found = await loadForComplete(ctx, input);
  if (!found.claimed && found.waitMs > 0) {
    await sleep(Math.min(found.waitMs, providerReadIntervalMs));
    found = await loadForComplete(ctx, input);
  }
  let transaction = found.transaction;
  if (found.claimed && transaction.providerPaymentId) {
    try {
      const scope = { accountId: input.accountId, mode: transaction.mode };
      const connection = await requireConnection(ctx, scope, transaction.provider);
      transaction = await refreshPayment(ctx, scope, { transactionId: transaction.id, paymentId: transaction.providerPaymentId }, connection);
    } catch (err) {
      throw providerErrorToAppError(err, 'reading the payment');
    }
  }
  return {
    object: 'payment' as const,
    id: transaction.id,
    status: transaction.status,
    amount: transaction.amount,
    currency: transaction.currency,
    provider: transaction.provider,
    failureMessage: transaction.status === 'failed' || transaction.status === 'canceled' ? (transaction.failureMessage ?? 'The payment did not go through.') : null,
    failureCode: transaction.status === 'failed' || transaction.status === 'canceled' ? transaction.failureCode : null,
    successMessage: found.successMessage,
    redirectUrl: found.redirectUrl,
  };
}

/** The payment and its form; for an open payment, claims the next provider read (or says how long until it may). */
async function loadForComplete(ctx: AppContext, input: { accountId: string; paymentId: string }) {
  const found = await withTenant(ctx.database, input.accountId, async (tx) => {
    const [row] = await tx
      .select({ transaction: transactions, successMessage: paymentForms.successMessage, redirectUrl: paymentForms.redirectUrl })
      .from(transactions)
      .innerJoin(paymentForms, and(eq(paymentForms.accountId, transactions.accountId), eq(paymentForms.id, transactions.formId)))
      .where(and(eq(transactions.accountId, input.accountId), eq(transactions.id, input.paymentId)));
    if (!row) return undefined;
    if (settled.has(row.transaction.status) || !row.transaction.providerPaymentId) return { ...row, claimed: false, waitMs: 0 };
    const claimed = await tx
      .update(transactions)
      .set({ providerReadAt: sql`now()` })
      .where(
        and(
          eq(transactions.accountId, input.accountId),
          eq(transactions.id, input.paymentId),
          sql`(${transactions.providerReadAt} IS NULL OR ${transactions.providerReadAt} <= now() - make_interval(secs => ${providerReadIntervalMs / 1000}))`,
        ),
      )
      .returning({ id: transactions.id });
    if (claimed.length > 0) return { ...row, claimed: true, waitMs: 0 };
    // Another call claimed the read after our select (its update committed first): wait for the end of its interval, not ours.
    const [current] = await tx
      .select({ readAt: transactions.providerReadAt })
      .from(transactions)
      .where(and(eq(transactions.accountId, input.accountId), eq(transactions.id, input.paymentId)));
    const readAt = current?.readAt?.getTime() ?? 0;
    return { ...row, claimed: false, waitMs: Math.max(0, readAt + providerReadIntervalMs - Date.now()) };
  });
  if (!found) throw notFound('Payment');
  return found;
}
