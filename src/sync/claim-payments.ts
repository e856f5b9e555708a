import { sql } from 'drizzle-orm';
import type { Scope } from '../platform/tenancy/scope.js';
import type { Tx } from '../platform/db/tenant.js';

/**
 * Takes the payments for this worker: one worker at a time per payment, so two jobs for the same
 * payment (its success and its refund, say) never write HubSpot at once — which could create its
 * line items twice. Returns the payments taken and those another worker holds; ids of payments
 * that no longer exist are in neither. Rows are taken in id order, so two workers claiming
 * overlapping sets cannot deadlock. The payments are held until `leaseUntil` (when pg-boss would hand
 * their jobs to another worker), or until the sync records its results.
 */
export async function claimPayments(tx: Tx, scope: Scope, transactionIds: string[], now: Date, leaseUntil: Date): Promise<{ claimed: string[]; busy: string[] }> {
  const result = (await tx.execute(sql`
    WITH target AS (
      SELECT id, account_id, mode FROM transactions
       WHERE account_id = ${scope.accountId} AND mode = ${scope.mode} AND id = ANY(${sql.param(transactionIds)}::text[])
    ), taken AS (
      INSERT INTO hubspot_syncs (transaction_id, account_id, mode, lease_until)
      SELECT id, account_id, mode, ${leaseUntil} FROM target ORDER BY id
      ON CONFLICT (transaction_id) DO UPDATE SET lease_until = EXCLUDED.lease_until
       WHERE hubspot_syncs.lease_until IS NULL OR hubspot_syncs.lease_until < ${now}
      RETURNING transaction_id
    )
    SELECT t.id, taken.transaction_id IS NOT NULL AS claimed FROM target t LEFT JOIN taken ON taken.transaction_id = t.id`)) as unknown as {
    rows: { id: string; claimed: boolean }[];
  };
  return { claimed: result.rows.filter((r) => r.claimed).map((r) => r.id), busy: result.rows.filter((r) => !r.claimed).map((r) => r.id) };
}
