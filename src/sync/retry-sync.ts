import { sql } from 'drizzle-orm';
import { audit } from '../accounts/audit.js';
import type { Scope } from '../platform/tenancy/scope.js';
import type { SyncJobData } from './sync-job.js';
import type { TransactionStatus } from '../platform/db/schema.js';
import type { Tx } from '../platform/db/tenant.js';
import { AppError, notFound } from '../platform/http/errors.js';
import { enqueue } from '../platform/jobs/enqueue.js';
import { queues } from '../platform/jobs/queues.js';
import { acceptedByHubSpot } from '../providers/hubspot/hubspot-values.js';
import { shownInHubSpot } from './hubspot-payloads.js';

/** A fresh start for a payment's sync: no failed attempts, due now. */
const reset = sql`state = 'pending', attempts = 0, failing_since = NULL, next_attempt_at = now(), error_code = NULL, last_error = NULL, failed_at = NULL, updated_at = now()`;

async function enqueueSync(tx: Tx, scope: Scope, payment: { id: string; status: TransactionStatus; amount_refunded: number }) {
  const data: SyncJobData = { accountId: scope.accountId, mode: scope.mode, transactionId: payment.id, status: payment.status, amountRefunded: payment.amount_refunded };
  await enqueue(tx, queues.hubspotSync.name, data);
}

/**
 * Syncs one payment again now, whatever its sync state (a dead letter, a retry waiting for its turn,
 * a skip that no longer applies, or a synced payment to push once more). With `email`, the buyer's
 * email is corrected first — the fix for an address HubSpot refused. Only a buyer not yet in HubSpot
 * can be corrected here (one HubSpot has is upserted by its email: change it in HubSpot). The
 * correction is in the audit log (`contact.email_corrected`).
 */
export async function retrySync(tx: Tx, scope: Scope, transactionId: string, input: { email?: string; userId: string; ip?: string }) {
  const [payment] = (
    (await tx.execute(sql`
      SELECT t.id, t.status, t.amount_refunded, c.id AS contact_id, c.email, c.hubspot_contact_id
        FROM transactions t JOIN contacts c ON c.account_id = t.account_id AND c.id = t.contact_id
       WHERE t.account_id = ${scope.accountId} AND t.mode = ${scope.mode} AND t.id = ${transactionId}
         FOR UPDATE OF c`)) as unknown as {
      rows: { id: string; status: TransactionStatus; amount_refunded: number; contact_id: string; email: string; hubspot_contact_id: string | null }[];
    }
  ).rows;
  if (!payment) throw notFound('Transaction');
  if (!shownInHubSpot.has(payment.status)) {
    throw new AppError('conflict', `Only succeeded, failed and refunded payments are synced to HubSpot; this one is ${payment.status.replace(/_/g, ' ')}.`);
  }
  const email = input.email?.trim().toLowerCase();
  if (email !== undefined && email !== payment.email) {
    if (!acceptedByHubSpot(email)) throw new AppError('validation_failed', `HubSpot would refuse "${input.email}": an email needs a dotted domain ending in letters, like ada@example.com.`);
    if (payment.hubspot_contact_id) {
      throw new AppError('conflict', 'This buyer is already in HubSpot under their email; change the email in HubSpot instead.');
    }
    const updated = (await tx.execute(sql`
      UPDATE contacts SET email = ${email}, updated_at = now()
       WHERE account_id = ${scope.accountId} AND id = ${payment.contact_id}
         AND NOT EXISTS (SELECT 1 FROM contacts o WHERE o.account_id = ${scope.accountId} AND o.mode = ${scope.mode} AND o.email = ${email})
      RETURNING id`)) as unknown as { rows: unknown[] };
    if (updated.rows.length === 0) throw new AppError('conflict', `Another buyer already has the email ${email}.`);
    await audit(tx, { accountId: scope.accountId, userId: input.userId, action: 'contact.email_corrected', target: payment.contact_id, metadata: { from: payment.email, to: email, transactionId }, ip: input.ip });
  }
  await tx.execute(sql`
    INSERT INTO hubspot_syncs (transaction_id, account_id, mode) VALUES (${payment.id}, ${scope.accountId}, ${scope.mode})
    ON CONFLICT (transaction_id) DO UPDATE SET ${reset}`);
  await enqueueSync(tx, scope, payment);
}

/** Syncs every dead letter of the account and mode again; returns how many. */
export async function retryFailedSyncs(tx: Tx, scope: Scope): Promise<number> {
  const { rows } = (await tx.execute(sql`
    UPDATE hubspot_syncs s SET ${reset}
      FROM transactions t
     WHERE s.account_id = ${scope.accountId} AND s.mode = ${scope.mode} AND s.state = 'failed'
       AND t.account_id = s.account_id AND t.id = s.transaction_id
    RETURNING t.id, t.status, t.amount_refunded`)) as unknown as { rows: { id: string; status: TransactionStatus; amount_refunded: number }[] };
  for (const payment of rows) await enqueueSync(tx, scope, payment);
  return rows.length;
}
