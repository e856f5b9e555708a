import { AppError } from '../platform/http/errors.js';
import type { AppContext } from '../platform/http/types.js';
import { ProviderError, type PaymentConnection } from '../providers/payment-provider.js';
import type { ConnectionScope, PaymentConnections } from './payment-connections-cache.js';

export interface ReconcileOptions {
  /** An open payment untouched this long is re-read from its provider; older ones less often (a quarter of their age, at most hourly). */
  staleAfterMs: number;
  /** A checkout still unpaid this long after it began is abandoned: its payment is canceled at the provider where it can be, or the transaction without one. */
  abandonAfterMs: number;
  /** Payments created this recently are listed per provider connection, to find those we lost track of. */
  sweepWindowMs: number;
  /** Most items each step handles per run (the next run takes the rest). */
  batchSize: number;
  /** Most payments the sweep reads per connection per run. */
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
  /** Open payments re-read from their provider. */
  refreshed: number;
  /** Transactions whose status changed through this run. */
  changed: number;
  /** Provider payments linked to the transaction they were made for. */
  linked: number;
  /** Checkouts given up: payment canceled at the provider, or transaction without one canceled. */
  abandoned: number;
  /** Transactions written again from a provider payment whose transaction was missing. */
  recovered: number;
  /** Refunds sent to the provider again (same idempotency key), and those it refused. */
  refundsRetried: number;
  refundsFailed: number;
  /** Provider payments claiming a transaction already linked to another one (logged, left alone). */
  conflicts: number;
  errors: number;
}

export interface ReconcileRun {
  ctx: AppContext;
  options: ReconcileOptions;
  connections: PaymentConnections;
  report: ReconcileReport;
}

/** The provider cannot be reached (or is failing) for this connection: no use trying its other items in this run. */
function providerUnavailable(err: unknown): boolean {
  if (err instanceof AppError) return err.code === 'provider_unavailable';
  return err instanceof ProviderError && err.kind === 'unavailable';
}

/**
 * Runs one item's repair with the account's connection to the item's provider: a failure is logged
 * and counted and does not stop the run; the provider unreachable also skips that connection's
 * other items until the next run.
 */
export async function withConnection(run: ReconcileRun, scope: ConnectionScope, item: Record<string, string>, fn: (connection: PaymentConnection) => Promise<void>) {
  const connection = await run.connections.get(scope);
  if (!connection) return;
  try {
    await fn(connection);
  } catch (err) {
    run.report.errors++;
    if (providerUnavailable(err)) run.connections.markDown(scope);
    run.options.log?.warn({ err, ...scope, ...item }, 'reconciliation could not repair this item; the next run tries again');
  }
}

/** A duration in ms as SQL interval seconds. */
export const seconds = (ms: number) => ms / 1000;
