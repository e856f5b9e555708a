import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { sql } from 'drizzle-orm';
import { ModeSchema } from '../accounts/schemas.js';
import type { EmailKind } from '../platform/db/schema.js';
import { rowsOf } from '../platform/db/result-rows.js';
import type { Tx } from '../platform/db/tenant.js';
import { enqueue } from '../platform/jobs/enqueue.js';
import { queues } from '../platform/jobs/queues.js';
import type { Scope } from '../platform/tenancy/scope.js';
import { idPattern, newId } from '../platform/tenancy/ids.js';

/** The payload of an `email` job (the queue: src/platform/jobs/queues.ts), checked before it runs. */
export const EmailJobSchema = Type.Object(
  { accountId: Type.String({ pattern: '^[0-9a-f]{32}$' }), mode: ModeSchema, emailId: Type.String({ pattern: idPattern('em') }) },
  { additionalProperties: false },
);
export type EmailJobData = Static<typeof EmailJobSchema>;
export const isEmailJob = (data: unknown): data is EmailJobData => Value.Check(EmailJobSchema, data);

/**
 * Queues an email in the caller's database transaction: one row per (account, kind, ref), so the
 * same event reported again (webhooks, completes, reconciliation) queues nothing more. The `email`
 * job sends it once the transaction commits.
 */
export async function queueEmail(tx: Tx, scope: Scope, email: { kind: EmailKind; ref: string; transactionId: string }): Promise<void> {
  const id = newId('em');
  const inserted = await tx.execute(sql`
    INSERT INTO emails (id, account_id, mode, kind, ref, transaction_id)
    VALUES (${id}, ${scope.accountId}, ${scope.mode}, ${email.kind}, ${email.ref}, ${email.transactionId})
    ON CONFLICT (account_id, kind, ref) DO NOTHING
    RETURNING id`);
  if (!rowsOf(inserted).length) return;
  const data: EmailJobData = { accountId: scope.accountId, mode: scope.mode, emailId: id };
  await enqueue(tx, queues.email.name, data);
}
