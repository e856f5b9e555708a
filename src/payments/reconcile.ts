import type { AppContext } from '../platform/http/types.js';
import { reconcileOpenPayments, reconcileUnlinkedPayments } from './reconcile-open-payments.js';
import { reconcileRecentPayments } from './reconcile-recent-payments.js';
import { reconcileRefunds } from './reconcile-refunds.js';
import { defaultReconcileOptions, type ReconcileOptions, type ReconcileReport, type ReconcileRun } from './reconcile-run.js';
import { PaymentConnections } from './payment-connections-cache.js';

export type { ReconcileOptions, ReconcileReport } from './reconcile-run.js';

/**
 * Brings our payments in line with their providers after whatever went wrong between the two — a
 * process killed between a write and a provider call, webhooks that never came, a provider
 * unreachable during a refund: (a) open payments re-read, abandoned checkouts canceled; (b)
 * transactions without their provider payment linked or abandoned; (c) recent provider payments of
 * ours whose transaction is unlinked or missing repaired; (d) refunds in progress finished. Every
 * repair goes through the same convergence as webhooks (contact totals, one HubSpot sync job per
 * change) and is safe to repeat, so runs may overlap with requests, webhooks and each other. Run on a schedule by the
 * `payments-reconcile` job; callable directly (CLI, tests).
 */
export async function reconcile(ctx: AppContext, options: Partial<ReconcileOptions> = {}): Promise<ReconcileReport> {
  const run: ReconcileRun = {
    ctx,
    options: { ...defaultReconcileOptions, ...options },
    connections: new PaymentConnections(ctx),
    report: { refreshed: 0, changed: 0, linked: 0, abandoned: 0, recovered: 0, refundsRetried: 0, refundsFailed: 0, conflicts: 0, errors: 0 },
  };
  await reconcileRecentPayments(run);
  await reconcileUnlinkedPayments(run);
  await reconcileOpenPayments(run);
  await reconcileRefunds(run);
  return run.report;
}
