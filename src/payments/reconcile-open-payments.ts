import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Scope } from '../platform/tenancy/scope.js';
import { transactions, type Mode, type PaymentProvider, type TransactionStatus } from '../platform/db/schema.js';
import { withTenant } from '../platform/db/tenant.js';
import { findsUnlinkedPayments, ProviderError } from '../providers/payment-provider.js';
import type { TransactionRow } from './apply-provider-payment.js';
import { cancelOpenPayment } from './cancel-open-payment.js';
import { linkPayment } from './link-payment.js';
import { refreshPayment } from './refresh-payment.js';
import { seconds, withConnection, type ReconcileRun } from './reconcile-run.js';

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
  provider: PaymentProvider;
  status: TransactionStatus;
  payment_id: string;
  abandoned: boolean;
}

/**
 * (a) Payments left open (pending, requires_action, processing) with a provider payment — the
 * buyer paid but neither complete nor a webhook reached us — are re-read from the provider and
 * converged. A checkout still unpaid after `abandonAfter` is canceled (cancelOpenPayment): at the
 * provider where it can be (Stripe), so it cannot be paid later into a payment we stopped watching;
 * in our records for PayPal, whose unapproved orders expire unpaid.
 */
export async function reconcileOpenPayments(run: ReconcileRun) {
  const { options, ctx, report } = run;
  const { rows } = await ctx.database.query<OpenPayment>(
    `SELECT t.id, t.account_id, t.mode, t.provider, t.status, t.provider_payment_id AS payment_id, t.created_at < now() - make_interval(secs => $2) AS abandoned
       FROM transactions t
      WHERE t.status IN ('pending', 'requires_action', 'processing') AND t.provider_payment_id IS NOT NULL AND ${due('t')}
      ORDER BY t.updated_at LIMIT $3`,
    [seconds(options.staleAfterMs), seconds(options.abandonAfterMs), options.batchSize],
  );
  for (const row of rows) {
    const scope = { accountId: row.account_id, mode: row.mode };
    await withConnection(run, { ...scope, provider: row.provider }, { transactionId: row.id, paymentId: row.payment_id }, async (connection) => {
      const target = { transactionId: row.id, paymentId: row.payment_id };
      // A payment the provider no longer has (PayPal forgets unapproved orders) is canceled once abandoned; before that, it is an error worth a look.
      const gone = (err: unknown) => row.abandoned && err instanceof ProviderError && err.kind === 'not_found';
      let current: TransactionRow | null = await refreshPayment(ctx, scope, target, connection).catch((err: unknown) => {
        if (gone(err)) return null;
        throw err;
      });
      report.refreshed++;
      if (row.abandoned && (!current || current.status === 'pending' || current.status === 'requires_action')) {
        current = await cancelOpenPayment(ctx, scope, target, connection, 'abandoned');
        if (current.status === 'canceled') report.abandoned++;
      }
      if (!current) return;
      if (current.status !== row.status) report.changed++;
      if (openStatuses.includes(current.status)) await touch(run, scope, row.id);
    });
  }
}

interface UnlinkedPayment {
  id: string;
  account_id: string;
  mode: Mode;
  provider: PaymentProvider;
  customer_id: string | null;
  created_at: Date;
  abandoned: boolean;
}

/**
 * (b) Pending transactions without a provider payment: the process stopped after storing the
 * transaction, before or while calling the provider. A payment made for it, found where the
 * provider can find it (Stripe: among the buyer's customer's PaymentIntents — the customer is
 * stored before any PaymentIntent is made), is linked and converged; with none after
 * `abandonAfter`, the transaction is canceled (abandoned).
 */
export async function reconcileUnlinkedPayments(run: ReconcileRun) {
  const { options, ctx, report } = run;
  const { rows } = await ctx.database.query<UnlinkedPayment>(
    `SELECT t.id, t.account_id, t.mode, t.provider, pc.customer_id,
            t.created_at, t.created_at < now() - make_interval(secs => $2) AS abandoned
       FROM transactions t LEFT JOIN provider_customers pc ON pc.account_id = t.account_id AND pc.contact_id = t.contact_id AND pc.provider = t.provider
      WHERE t.status = 'pending' AND t.provider_payment_id IS NULL AND ${due('t')}
      ORDER BY t.updated_at LIMIT $3`,
    [seconds(options.staleAfterMs), seconds(options.abandonAfterMs), options.batchSize],
  );
  for (const row of rows) {
    const scope = { accountId: row.account_id, mode: row.mode };
    await withConnection(run, { ...scope, provider: row.provider }, { transactionId: row.id }, async (connection) => {
      const found = findsUnlinkedPayments(connection)
        ? await connection.findPaymentFor({ id: row.id, accountId: row.account_id, createdAt: new Date(row.created_at), customerId: row.customer_id })
        : null;
      if (found) {
        const linked = await linkPayment(ctx, scope, connection, row.id, found.id);
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
