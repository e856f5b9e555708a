import { sql } from 'drizzle-orm';
import type { Scope } from '../platform/tenancy/scope.js';
import type { SyncJobData } from './sync-job.js';
import type { Tx } from '../platform/db/tenant.js';
import { enqueue } from '../platform/jobs/enqueue.js';
import { queues } from '../platform/jobs/queues.js';
import type { SyncFailure } from './hubspot-failure.js';
import type { SyncItem } from './load-sync-items.js';
import { decideRetry } from './retry-schedule.js';
import type { SyncConfig } from './sync-config.js';

/** What one attempt did for one payment. */
export type SyncResult =
  | { kind: 'synced'; item: SyncItem; contactId: string | null; dealId: string | null; dealComplete: boolean }
  | { kind: 'skipped'; item: SyncItem; code: 'not_connected' | 'failed_payments_not_synced'; message: string }
  | { kind: 'failed'; item: SyncItem; failure: SyncFailure; contactId: string | null; dealId: string | null }
  /** The payment is in a status HubSpot does not show (it moved on; its next status brings its own job). */
  | { kind: 'ignored'; item: SyncItem };

export interface RecordSummary {
  synced: SyncItem[];
  retrying: number;
  /** Payments that just became dead letters. */
  dead: { transactionId: string; code: string }[];
  /** Payments synced from a version that changed meanwhile: synced again. */
  stale: number;
}

/** Payments another worker holds are looked at again this much later. */
export const busyRetryMs = 3000;

const json = (value: unknown) => sql`${JSON.stringify(value)}::json`;

/**
 * Writes one attempt's results in the tenant transaction, and enqueues what comes next in the same
 * transaction, so nothing is lost between the two:
 * - synced: the state HubSpot now holds, the HubSpot contact and deal ids on our rows;
 * - failed: a retry after the backoff (a new job), or a dead letter when trying again cannot help or
 *   the payment has been failing for the whole retry window;
 * - a payment or buyer that changed after it was read is synced again (its HubSpot values may be
 *   older than a concurrent sync's);
 * - payments another worker held get a job a little later.
 * Every lease taken for the attempt is released.
 */
export async function recordSyncResults(
  tx: Tx,
  scope: Scope,
  input: { results: SyncResult[]; busy: SyncJobData[]; config: Pick<SyncConfig, 'backoff' | 'retryWindowHours'>; now: Date },
): Promise<RecordSummary> {
  const { results, busy, config, now } = input;
  const summary: RecordSummary = { synced: [], retrying: 0, dead: [], stale: 0 };
  const jobs: { data: SyncJobData; startAfter: Date }[] = [];
  const jobFor = (item: SyncItem): SyncJobData => ({ accountId: scope.accountId, mode: scope.mode, transactionId: item.transactionId, status: item.status, amountRefunded: item.amountRefunded });

  const settled: Record<string, unknown>[] = [];
  const failed: Record<string, unknown>[] = [];
  for (const result of results) {
    const { item } = result;
    if (result.kind === 'synced') {
      summary.synced.push(item);
      settled.push({
        id: item.transactionId, state: 'synced', synced_status: item.status, synced_amount_refunded: item.amountRefunded, synced_at: now,
        deal_complete: result.dealComplete, error_code: null, last_error: null,
      });
    } else if (result.kind === 'skipped') {
      // The status it was skipped in is kept like a synced one: a later change shows as pending until its own job runs.
      settled.push({
        id: item.transactionId, state: 'skipped', synced_status: item.status, synced_amount_refunded: item.amountRefunded, synced_at: null,
        deal_complete: item.sync.dealComplete, error_code: result.code, last_error: result.message,
      });
    } else if (result.kind === 'failed') {
      const { failure } = result;
      const decision = failure.retryable ? decideRetry(item.sync, now, config) : null;
      // HubSpot's rate limit may say to come back later than the backoff would.
      const retryAt = decision?.kind === 'retry' ? (failure.retryAt && failure.retryAt > decision.nextAttemptAt ? failure.retryAt : decision.nextAttemptAt) : null;
      if (retryAt) {
        summary.retrying += 1;
        jobs.push({ data: jobFor(item), startAfter: retryAt });
      } else {
        summary.dead.push({ transactionId: item.transactionId, code: failure.code });
      }
      failed.push({
        id: item.transactionId,
        state: retryAt ? 'pending' : 'failed',
        attempts: item.sync.attempts + 1,
        failing_since: item.sync.failingSince ?? now,
        next_attempt_at: retryAt,
        error_code: failure.code,
        last_error: failure.message,
        failed_at: retryAt ? null : now,
      });
    }
  }

  // HubSpot ids on our rows, even from an attempt that failed later on. updated_at is left alone: it
  // versions what HubSpot is sent. Rows are locked in one order (payments, then buyers, then sync
  // rows; by id), as the webhook path and the retry route do, so concurrent writers never deadlock.
  const contactIds = new Map<string, string>();
  const dealIds = new Map<string, string>();
  for (const r of results) {
    if (r.kind !== 'synced' && r.kind !== 'failed') continue;
    if (r.contactId && r.contactId !== r.item.contact.hubspotContactId) contactIds.set(r.item.contact.id, r.contactId);
    if (r.dealId && r.dealId !== r.item.hubspotDealId) dealIds.set(r.item.transactionId, r.dealId);
  }
  for (const [table, column, ids] of [
    ['transactions', 'hubspot_deal_id', dealIds],
    ['contacts', 'hubspot_contact_id', contactIds],
  ] as const) {
    if (ids.size === 0) continue;
    const rows = [...ids].map(([id, hubspot_id]) => ({ id, hubspot_id }));
    await tx.execute(sql`SELECT 1 FROM ${sql.raw(table)} WHERE account_id = ${scope.accountId} AND id = ANY(${sql.param(rows.map((r) => r.id))}::text[]) ORDER BY id FOR UPDATE`);
    await tx.execute(sql`
      UPDATE ${sql.raw(table)} x SET ${sql.raw(column)} = r.hubspot_id FROM json_to_recordset(${json(rows)}) AS r(id text, hubspot_id text)
       WHERE x.account_id = ${scope.accountId} AND x.id = r.id`);
  }

  if (settled.length) {
    await tx.execute(sql`
      UPDATE hubspot_syncs s SET state = r.state, synced_status = r.synced_status, synced_amount_refunded = r.synced_amount_refunded,
             synced_at = r.synced_at, deal_complete = r.deal_complete, attempts = 0, failing_since = NULL, next_attempt_at = NULL,
             error_code = r.error_code, last_error = r.last_error, failed_at = NULL, lease_until = NULL, updated_at = now()
        FROM json_to_recordset(${json(settled)}) AS r(id text, state text, synced_status text, synced_amount_refunded int, synced_at timestamptz, deal_complete boolean, error_code text, last_error text)
       WHERE s.account_id = ${scope.accountId} AND s.transaction_id = r.id`);
  }
  if (failed.length) {
    await tx.execute(sql`
      UPDATE hubspot_syncs s SET state = r.state, attempts = r.attempts, failing_since = r.failing_since, next_attempt_at = r.next_attempt_at,
             error_code = r.error_code, last_error = r.last_error, failed_at = r.failed_at, lease_until = NULL, updated_at = now()
        FROM json_to_recordset(${json(failed)}) AS r(id text, state text, attempts int, failing_since timestamptz, next_attempt_at timestamptz, error_code text, last_error text, failed_at timestamptz)
       WHERE s.account_id = ${scope.accountId} AND s.transaction_id = r.id`);
  }
  // Each attempt on the payment's timeline (src/payments/timeline.ts), in one statement however many payments.
  const attempts = results.flatMap((r) =>
    r.kind === 'synced' ? [{ id: r.item.transactionId, detail: { ok: true } }] : r.kind === 'failed' ? [{ id: r.item.transactionId, detail: { ok: false, error: r.failure.message } }] : [],
  );
  if (attempts.length) {
    await tx.execute(sql`
      INSERT INTO payment_timeline (account_id, mode, transaction_id, kind, detail)
      SELECT ${scope.accountId}, ${scope.mode}, r.id, 'sync', r.detail FROM json_to_recordset(${json(attempts)}) AS r(id text, detail jsonb)`);
  }
  const ignored = results.filter((r) => r.kind === 'ignored').map((r) => r.item.transactionId);
  if (ignored.length) {
    await tx.execute(sql`UPDATE hubspot_syncs SET lease_until = NULL WHERE account_id = ${scope.accountId} AND transaction_id = ANY(${sql.param(ignored)}::text[])`);
  }

  // A payment or buyer that changed since it was read: a concurrent sync may have written newer values before ours.
  if (summary.synced.length) {
    const current = (await tx.execute(sql`
      SELECT t.id, t.updated_at::text AS version, c.updated_at::text AS contact_version
        FROM transactions t JOIN contacts c ON c.account_id = t.account_id AND c.id = t.contact_id
       WHERE t.account_id = ${scope.accountId} AND t.id = ANY(${sql.param(summary.synced.map((i) => i.transactionId))}::text[])`)) as unknown as {
      rows: { id: string; version: string; contact_version: string }[];
    };
    const byId = new Map(current.rows.map((r) => [r.id, r]));
    for (const item of summary.synced) {
      const fresh = byId.get(item.transactionId);
      if (fresh && (fresh.version !== item.version || fresh.contact_version !== item.contact.version)) {
        summary.stale += 1;
        jobs.push({ data: jobFor(item), startAfter: now });
      }
    }
  }
  for (const data of busy) jobs.push({ data, startAfter: new Date(now.getTime() + busyRetryMs) });

  for (const { data, startAfter } of jobs) await enqueue(tx, queues.hubspotSync.name, data, { startAfter });
  return summary;
}
