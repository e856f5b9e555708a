import { and, eq, inArray, isNull } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { Scope } from '../platform/tenancy/scope.js';
import { transactions, type Mode, type TransactionStatus } from '../platform/db/schema.js';
import { withTenant } from '../platform/db/tenant.js';
import type { StripeConnection } from '../providers/stripe/load-stripe-connection.js';
import { linkPaymentIntent } from './link-payment-intent.js';
import { refreshFromStripe } from './refresh-from-stripe.js';
import { seconds, withConnection, type ReconcileRun } from './reconcile-run.js';
import { isStripeRefusal } from './submit-refund.js';

const openStatuses: TransactionStatus[] = ['pending', 'requires_action', 'processing'];

/** Due for a look: untouched for `staleAfter`, and for a quarter of its age (at most an hour), so abandoned checkouts are read less and less often. */
const due = (t: string) => `${t}.updated_at < now() - greatest(make_interval(secs => $1), least(interval '1 hour', (now() - ${t}.created_at) / 4))`;

/** Marks an open transaction as seen now, which spaces out the next look (see `due`). */
async function touch(run: ReconcileRun, scope: Scope, transactionId: string) {
  await withTenant(run.ctx.database, scope.accountId, (tx) =>
    tx
      .update(transactions)
      .set({ updatedAt: new Date() })
      .where(and(eq(transactions.accountId, scope.accountId), eq(transactions.id, transactionId), inArray(transactions.status, openStatuses))),
  );
}

interface OpenPayment {
  id: string;
  account_id: string;
  mode: Mode;
  status: TransactionStatus;
  payment_intent_id: string;
  abandoned: boolean;
}

/**
 * (a) Payments left open (pending, requires_action, processing) with a PaymentIntent — the buyer
 * paid but neither complete nor a webhook reached us — are re-read from Stripe and converged. A
 * checkout still unpaid after `abandonAfter` has its PaymentIntent canceled at Stripe (`abandoned`),
 * so it cannot be paid later into a payment we stopped watching.
 */
export async function reconcileOpenPayments(run: ReconcileRun) {
  const { options, ctx, report } = run;
  const { rows } = await ctx.database.query<OpenPayment>(
    `SELECT t.id, t.account_id, t.mode, t.status, t.provider_payment_id AS payment_intent_id, t.created_at < now() - make_interval(secs => $2) AS abandoned
       FROM transactions t
      WHERE t.status IN ('pending', 'requires_action', 'processing') AND t.provider = 'stripe' AND t.provider_payment_id IS NOT NULL AND ${due('t')}
      ORDER BY t.updated_at LIMIT $3`,
    [seconds(options.staleAfterMs), seconds(options.abandonAfterMs), options.batchSize],
  );
  for (const row of rows) {
    const scope = { accountId: row.account_id, mode: row.mode };
    await withConnection(run, scope, { transactionId: row.id, paymentIntentId: row.payment_intent_id }, async (connection) => {
      const target = { transactionId: row.id, paymentIntentId: row.payment_intent_id };
      let current = await refreshFromStripe(ctx, scope, target, connection);
      report.refreshed++;
      if (row.abandoned && (current.status === 'pending' || current.status === 'requires_action')) {
        try {
          await connection.client.paymentIntents.cancel(row.payment_intent_id, { cancellation_reason: 'abandoned' });
        } catch (err) {
          // Stripe refuses when the PaymentIntent moved on meanwhile (say, it just succeeded): the read below says how.
          if (!isStripeRefusal(err)) throw err;
        }
        current = await refreshFromStripe(ctx, scope, target, connection);
        if (current.status === 'canceled') report.abandoned++;
      }
      if (current.status !== row.status) report.changed++;
      if (openStatuses.includes(current.status)) await touch(run, scope, row.id);
    });
  }
}

interface UnlinkedPayment {
  id: string;
  account_id: string;
  mode: Mode;
  customer_id: string | null;
  created_at: Date;
  abandoned: boolean;
}

/** Stripe's clock and ours may differ a little: look this far before the transaction was created. */
const clockSkewSeconds = 600;

/** The PaymentIntent Stripe made for a transaction: the customer's PaymentIntents since it began, matched by our id in the metadata. */
async function findPaymentIntent(connection: StripeConnection, row: UnlinkedPayment): Promise<Stripe.PaymentIntent | null> {
  const since = Math.floor(new Date(row.created_at).getTime() / 1000) - clockSkewSeconds;
  for await (const pi of connection.client.paymentIntents.list({ customer: row.customer_id!, created: { gte: since }, limit: 100 })) {
    if (pi.metadata?.onepagepay_transaction_id === row.id && pi.metadata?.onepagepay_account_id === row.account_id) return pi;
  }
  return null;
}

/**
 * (b) Pending transactions without a PaymentIntent: the process stopped after storing the
 * transaction, before or while calling Stripe. A PaymentIntent made for it (found among its
 * customer's — the customer is stored before any PaymentIntent is made) is linked and converged;
 * with none after `abandonAfter`, the transaction is canceled (abandoned).
 */
export async function reconcileUnlinkedPayments(run: ReconcileRun) {
  const { options, ctx, report } = run;
  const { rows } = await ctx.database.query<UnlinkedPayment>(
    `SELECT t.id, t.account_id, t.mode, c.stripe_customer_id AS customer_id, t.created_at, t.created_at < now() - make_interval(secs => $2) AS abandoned
       FROM transactions t JOIN contacts c ON c.account_id = t.account_id AND c.id = t.contact_id
      WHERE t.status = 'pending' AND t.provider = 'stripe' AND t.provider_payment_id IS NULL AND ${due('t')}
      ORDER BY t.updated_at LIMIT $3`,
    [seconds(options.staleAfterMs), seconds(options.abandonAfterMs), options.batchSize],
  );
  for (const row of rows) {
    const scope = { accountId: row.account_id, mode: row.mode };
    await withConnection(run, scope, { transactionId: row.id }, async (connection) => {
      const pi = row.customer_id ? await findPaymentIntent(connection, row) : null;
      if (pi) {
        const linked = await linkPaymentIntent(ctx, scope, connection, row.id, pi);
        if (linked) report.linked++;
        if (linked && linked.status !== 'pending') report.changed++;
        return;
      }
      if (!row.abandoned) return touch(run, scope, row.id);
      const canceled = await withTenant(ctx.database, scope.accountId, (tx) =>
        tx
          .update(transactions)
          .set({ status: 'canceled', updatedAt: new Date() })
          .where(and(eq(transactions.accountId, scope.accountId), eq(transactions.id, row.id), eq(transactions.status, 'pending'), isNull(transactions.providerPaymentId)))
          .returning({ id: transactions.id }),
      );
      if (canceled.length > 0) {
        report.abandoned++;
        report.changed++;
      }
    });
  }
}
