import { sql, type SQL } from 'drizzle-orm';
import type { Scope } from '../platform/tenancy/scope.js';
import type { SyncState, SyncStatus } from './schemas.js';
import type { TransactionStatus } from '../platform/db/schema.js';
import { rowsOf } from '../platform/db/result-rows.js';
import type { Tx } from '../platform/db/tenant.js';
import { notFound } from '../platform/http/errors.js';
import { shownInHubSpot } from './hubspot-payloads.js';

interface Row {
  id: string;
  status: TransactionStatus;
  amount: number;
  amount_refunded: number;
  currency: string;
  created_at: string;
  hubspot_deal_id: string | null;
  email: string;
  hubspot_contact_id: string | null;
  state: 'pending' | 'synced' | 'skipped' | 'failed' | null;
  synced_status: string | null;
  synced_amount_refunded: number | null;
  attempts: number | null;
  error_code: string | null;
  last_error: string | null;
  failing_since: string | null;
  next_attempt_at: string | null;
  failed_at: string | null;
  synced_at: string | null;
}

const iso = (value: string | null) => (value === null ? null : new Date(value).toISOString());

/** The state from the stored row and the payment as it is now: a change not synced yet is pending. */
function stateOf(row: Row): SyncState {
  if (row.state === 'failed') return 'failed';
  if (!shownInHubSpot.has(row.status)) return 'not_applicable';
  if (row.state === null) return 'pending';
  const current = row.synced_status === row.status && row.synced_amount_refunded === row.amount_refunded;
  if ((row.state === 'synced' || row.state === 'skipped') && current) return row.state;
  return (row.attempts ?? 0) > 0 ? 'retrying' : 'pending';
}

export function serializeSyncStatus(row: Row): SyncStatus {
  const state = stateOf(row);
  return {
    object: 'hubspot_sync',
    transactionId: row.id,
    transactionStatus: row.status,
    email: row.email,
    amount: Number(row.amount),
    currency: row.currency,
    transactionCreatedAt: iso(row.created_at)!,
    state,
    attempts: row.attempts ?? 0,
    error: row.error_code && row.last_error ? { code: row.error_code, message: row.last_error } : null,
    failingSince: iso(row.failing_since),
    nextAttemptAt: state === 'retrying' || state === 'pending' ? iso(row.next_attempt_at) : null,
    failedAt: iso(row.failed_at),
    syncedAt: iso(row.synced_at),
    hubspot: { contactId: row.hubspot_contact_id, dealId: row.hubspot_deal_id },
  };
}

const select = (where: SQL, tail: SQL = sql``) => sql`
  SELECT t.id, t.status, t.amount, t.amount_refunded, t.currency, t.created_at, t.hubspot_deal_id, c.email, c.hubspot_contact_id,
         s.state, s.synced_status, s.synced_amount_refunded, s.attempts, s.error_code, s.last_error, s.failing_since, s.next_attempt_at, s.failed_at, s.synced_at
    FROM transactions t
    JOIN contacts c ON c.account_id = t.account_id AND c.id = t.contact_id
    LEFT JOIN hubspot_syncs s ON s.transaction_id = t.id
   WHERE ${where} ${tail}`;

const queryRows = async (tx: Tx, query: SQL) => rowsOf<Row>(await tx.execute(query));

/** One payment's sync status; another account's or mode's payment is a 404. */
export async function getSyncStatus(tx: Tx, scope: Scope, transactionId: string): Promise<SyncStatus> {
  const [row] = await queryRows(tx, select(sql`t.account_id = ${scope.accountId} AND t.mode = ${scope.mode} AND t.id = ${transactionId}`));
  if (!row) throw notFound('Transaction');
  return serializeSyncStatus(row);
}

/** The dead letters of the account and mode, most recently failed first; the cursor is the last item's transactionId. */
export async function listSyncFailures(tx: Tx, scope: Scope, query: { limit?: number; cursor?: string }) {
  const limit = query.limit ?? 20;
  const after = query.cursor
    ? sql`AND (s.failed_at, s.transaction_id) < (SELECT p.failed_at, p.transaction_id FROM hubspot_syncs p WHERE p.account_id = ${scope.accountId} AND p.transaction_id = ${query.cursor})`
    : sql``;
  const rows = await queryRows(
    tx,
    select(sql`s.account_id = ${scope.accountId} AND s.mode = ${scope.mode} AND s.state = 'failed' ${after}`, sql`ORDER BY s.failed_at DESC, s.transaction_id DESC LIMIT ${limit + 1}`),
  );
  const data = rows.slice(0, limit).map(serializeSyncStatus);
  return { data, nextCursor: rows.length > limit ? data[data.length - 1]!.transactionId : null };
}
