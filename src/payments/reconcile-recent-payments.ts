import { and, eq, inArray } from 'drizzle-orm';
import { paymentProviders, transactions, type Mode, type PaymentProvider } from '../platform/db/schema.js';
import { withTenant } from '../platform/db/tenant.js';
import { listsRecentPayments, type PaymentSummary } from '../providers/payment-provider.js';
import { linkPayment } from './link-payment.js';
import { recoverTransaction } from './recover-transaction.js';
import { withConnection, type ReconcileRun } from './reconcile-run.js';

/**
 * (c) For every payment-provider connection that can list its payments (Stripe), the payments created in the last `sweepWindow` that
 * carry our claim: one whose transaction does not know it is linked and converged; one whose
 * transaction is missing altogether is written again if money moved (recoverTransaction); one
 * claiming a transaction linked to another payment is logged, not touched.
 */
export async function reconcileRecentPayments(run: ReconcileRun) {
  const { options, ctx, report } = run;
  const { rows: connections } = await ctx.database.query<{ account_id: string; mode: Mode; provider: PaymentProvider }>(
    `SELECT account_id, mode, provider FROM provider_connections WHERE provider = ANY($1::text[]) ORDER BY account_id, mode, provider`,
    [[...paymentProviders]],
  );
  const since = new Date(Date.now() - options.sweepWindowMs);
  for (const { account_id: accountId, mode, provider } of connections) {
    const scope = { accountId, mode };
    await withConnection(run, { ...scope, provider }, { step: 'sweep' }, async (connection) => {
      // A provider with no payment listing (PayPal) is reconciled through its open transactions and webhooks only.
      if (!listsRecentPayments(connection)) return;
      const ours: { payment: PaymentSummary; transactionId: string }[] = [];
      for await (const payment of connection.recentPayments(since, options.sweepLimit)) {
        if (payment.claim?.accountId === accountId) ours.push({ payment, transactionId: payment.claim.transactionId });
      }
      if (ours.length === 0) return;
      const known = await withTenant(ctx.database, accountId, (tx) =>
        tx
          .select({ id: transactions.id, paymentId: transactions.providerPaymentId })
          .from(transactions)
          .where(and(eq(transactions.accountId, accountId), eq(transactions.mode, mode), inArray(transactions.id, [...new Set(ours.map((o) => o.transactionId))]))),
      );
      const linkedTo = new Map(known.map((row) => [row.id, row.paymentId]));
      for (const { payment, transactionId } of ours) {
        const current = linkedTo.get(transactionId);
        if (current === payment.id) continue;
        await withConnection(run, { ...scope, provider }, { transactionId, paymentId: payment.id }, async () => {
          if (current === null) {
            if (await linkPayment(ctx, scope, connection, transactionId, payment.id)) report.linked++;
          } else if (current !== undefined) {
            report.conflicts++;
            options.log?.warn({ accountId, mode, provider, transactionId, paymentId: payment.id, linkedTo: current }, 'a provider payment claims a transaction linked to another one; left alone');
          } else if (moneyMoved(payment) && (await recoverTransaction(ctx, scope, connection, payment))) {
            report.recovered++;
          }
        });
      }
    });
  }
}

/** Money moved or is moving: worth a transaction even if ours is gone. */
const moneyMoved = (payment: PaymentSummary) => payment.status === 'succeeded' || payment.status === 'processing';
