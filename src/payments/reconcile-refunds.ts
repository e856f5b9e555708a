import { and, eq, inArray } from 'drizzle-orm';
import { refunds, type Mode, type PaymentProvider } from '../platform/db/schema.js';
import { withTenant } from '../platform/db/tenant.js';
import { AppError } from '../platform/http/errors.js';
import { refreshPayment } from './refresh-payment.js';
import { seconds, withConnection, type ReconcileRun } from './reconcile-run.js';
import { submitRefund } from './submit-refund.js';

interface OpenRefunds {
  transaction_id: string;
  account_id: string;
  mode: Mode;
  provider: PaymentProvider;
  payment_id: string;
  refund_ids: string[];
}

/**
 * (d) Refunds still in progress after `staleAfter`. The payment is re-read first: a refund the
 * provider made but we never recorded (the process stopped after its answer) is found by our id on
 * it. One the provider still does not have — it was unreachable, or the process stopped before
 * the call — is sent again with the same idempotency key; the provider refusing it now makes it `failed`.
 */
export async function reconcileRefunds(run: ReconcileRun) {
  const { options, ctx, report } = run;
  const { rows } = await ctx.database.query<OpenRefunds>(
    `SELECT r.transaction_id, r.account_id, r.mode, t.provider, t.provider_payment_id AS payment_id, array_agg(r.id ORDER BY r.created_at) AS refund_ids
       FROM refunds r JOIN transactions t ON t.account_id = r.account_id AND t.id = r.transaction_id
      WHERE r.status IN ('pending', 'requires_action') AND r.updated_at < now() - make_interval(secs => $1) AND t.provider_payment_id IS NOT NULL
      GROUP BY r.transaction_id, r.account_id, r.mode, t.provider, t.provider_payment_id
      ORDER BY min(r.updated_at) LIMIT $2`,
    [seconds(options.staleAfterMs), options.batchSize],
  );
  for (const row of rows) {
    const scope = { accountId: row.account_id, mode: row.mode };
    await withConnection(run, { ...scope, provider: row.provider }, { transactionId: row.transaction_id }, async (connection) => {
      await refreshPayment(ctx, scope, { transactionId: row.transaction_id, paymentId: row.payment_id }, connection);
      const open = await withTenant(ctx.database, scope.accountId, (tx) =>
        tx
          .select()
          .from(refunds)
          .where(and(eq(refunds.accountId, scope.accountId), inArray(refunds.id, row.refund_ids), inArray(refunds.status, ['pending', 'requires_action']))),
      );
      for (const refund of open) {
        if (refund.providerRefundId) continue; // The provider has it and says it is still in progress: its events finish it.
        report.refundsRetried++;
        try {
          await submitRefund(ctx, scope, connection, refund, row.payment_id);
        } catch (err) {
          if (!(err instanceof AppError && err.code === 'unprocessable')) throw err;
          report.refundsFailed++;
        }
      }
      // Spaces out the next look at refunds the provider reports as still in progress.
      await withTenant(ctx.database, scope.accountId, (tx) =>
        tx
          .update(refunds)
          .set({ updatedAt: new Date() })
          .where(and(eq(refunds.accountId, scope.accountId), inArray(refunds.id, row.refund_ids), inArray(refunds.status, ['pending', 'requires_action']))),
      );
    });
  }
}
