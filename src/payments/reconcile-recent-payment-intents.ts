import { and, eq, inArray } from 'drizzle-orm';
import type Stripe from 'stripe';
import { transactions, type Mode } from '../platform/db/schema.js';
import { withTenant } from '../platform/db/tenant.js';
import { linkPaymentIntent } from './link-payment-intent.js';
import { claimedTransactionId, recoverTransaction } from './recover-transaction.js';
import { withConnection, type ReconcileRun } from './reconcile-run.js';

/** PaymentIntent statuses where money moved or is moving: worth a transaction even if ours is gone. */
const moneyMoved = new Set<Stripe.PaymentIntent.Status>(['succeeded', 'processing', 'requires_capture']);

/**
 * (c) For every Stripe connection, the PaymentIntents created in the last `sweepWindow` that carry
 * our metadata: one whose transaction does not know it is linked and converged; one whose
 * transaction is missing altogether is written again if money moved (recoverTransaction); one
 * claiming a transaction linked to another PaymentIntent is logged, not touched.
 */
export async function reconcileRecentPaymentIntents(run: ReconcileRun) {
  const { options, ctx, report } = run;
  const { rows: connections } = await ctx.database.query<{ account_id: string; mode: Mode }>(
    `SELECT account_id, mode FROM provider_connections WHERE provider = 'stripe' ORDER BY account_id, mode`,
  );
  const since = Math.floor((Date.now() - options.sweepWindowMs) / 1000);
  for (const { account_id: accountId, mode } of connections) {
    const scope = { accountId, mode };
    await withConnection(run, scope, { step: 'sweep' }, async (connection) => {
      const ours: { pi: Stripe.PaymentIntent; transactionId: string }[] = [];
      let read = 0;
      for await (const pi of connection.client.paymentIntents.list({ created: { gte: since }, limit: 100 })) {
        if (++read > options.sweepLimit) break;
        const transactionId = claimedTransactionId(pi, accountId);
        if (transactionId) ours.push({ pi, transactionId });
      }
      if (ours.length === 0) return;
      const known = await withTenant(ctx.database, accountId, (tx) =>
        tx
          .select({ id: transactions.id, pi: transactions.providerPaymentId })
          .from(transactions)
          .where(and(eq(transactions.accountId, accountId), eq(transactions.mode, mode), inArray(transactions.id, [...new Set(ours.map((o) => o.transactionId))]))),
      );
      const linkedTo = new Map(known.map((row) => [row.id, row.pi]));
      for (const { pi, transactionId } of ours) {
        const current = linkedTo.get(transactionId);
        if (current === pi.id) continue;
        await withConnection(run, scope, { transactionId, paymentIntentId: pi.id }, async () => {
          if (current === null) {
            if (await linkPaymentIntent(ctx, scope, connection, transactionId, pi)) report.linked++;
          } else if (current !== undefined) {
            report.conflicts++;
            options.log?.warn({ accountId, mode, transactionId, paymentIntentId: pi.id, linkedTo: current }, 'a PaymentIntent claims a transaction linked to another one; left alone');
          } else if (moneyMoved.has(pi.status) && (await recoverTransaction(ctx, scope, connection, pi))) {
            report.recovered++;
          }
        });
      }
    });
  }
}
