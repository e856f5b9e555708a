import Stripe from 'stripe';
import type { Scope } from '../platform/tenancy/scope.js';
import { AppError } from '../platform/http/errors.js';
import type { AppContext } from '../platform/http/types.js';
import type { StripeConnection } from '../providers/stripe/load-stripe-connection.js';
import type { StripeConnections } from './stripe-connections-cache.js';

export interface ReconcileOptions {
  /** An open payment untouched this long is re-read from Stripe; older ones less often (a quarter of their age, at most hourly). */
  staleAfterMs: number;
  /** A checkout still unpaid this long after it began is abandoned: its PaymentIntent is canceled, or the transaction without one. */
  abandonAfterMs: number;
  /** PaymentIntents created this recently are listed per Stripe connection, to find those we lost track of. */
  sweepWindowMs: number;
  /** Most items each step handles per run (the next run takes the rest). */
  batchSize: number;
  /** Most PaymentIntents the sweep reads per connection per run. */
  sweepLimit: number;
  log?: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

export const defaultReconcileOptions: ReconcileOptions = {
  staleAfterMs: 5 * 60_000,
  abandonAfterMs: 24 * 3600_000,
  sweepWindowMs: 2 * 3600_000,
  batchSize: 200,
  sweepLimit: 5000,
};

/** What one run did (logged, and returned to the CLI and tests). */
export interface ReconcileReport {
  /** Open payments re-read from Stripe. */
  refreshed: number;
  /** Transactions whose status changed through this run. */
  changed: number;
  /** PaymentIntents linked to the transaction they were made for. */
  linked: number;
  /** Checkouts given up: PaymentIntent canceled at Stripe, or transaction without one canceled. */
  abandoned: number;
  /** Transactions written again from a PaymentIntent whose transaction was missing. */
  recovered: number;
  /** Refunds sent to Stripe again (same idempotency key), and those Stripe refused. */
  refundsRetried: number;
  refundsFailed: number;
  /** PaymentIntents claiming a transaction already linked to another one (logged, left alone). */
  conflicts: number;
  errors: number;
}

export interface ReconcileRun {
  ctx: AppContext;
  options: ReconcileOptions;
  connections: StripeConnections;
  report: ReconcileReport;
}

/** Stripe cannot be reached (or is failing) for this connection: no use trying its other items in this run. */
function stripeUnavailable(err: unknown): boolean {
  if (err instanceof AppError) return err.code === 'provider_unavailable';
  return (
    err instanceof Stripe.errors.StripeConnectionError ||
    err instanceof Stripe.errors.StripeRateLimitError ||
    (err instanceof Stripe.errors.StripeError && (err.statusCode === undefined || err.statusCode >= 500))
  );
}

/**
 * Runs one item's repair with the account's Stripe connection: a failure is logged and counted and
 * does not stop the run; Stripe unreachable also skips that connection's other items until the next run.
 */
export async function withConnection(run: ReconcileRun, scope: Scope, item: Record<string, string>, fn: (connection: StripeConnection) => Promise<void>) {
  const connection = await run.connections.get(scope.accountId, scope.mode);
  if (!connection) return;
  try {
    await fn(connection);
  } catch (err) {
    run.report.errors++;
    if (stripeUnavailable(err)) run.connections.markDown(scope.accountId, scope.mode);
    run.options.log?.warn({ err, accountId: scope.accountId, mode: scope.mode, ...item }, 'reconciliation could not repair this item; the next run tries again');
  }
}

/** A duration in ms as SQL interval seconds. */
export const seconds = (ms: number) => ms / 1000;
