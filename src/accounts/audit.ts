import type { Tx } from '../platform/db/tenant.js';
import { auditLog } from '../platform/db/schema.js';

export type AuditAction =
  | 'account.created'
  | 'account.updated'
  | 'auth.signed_in'
  | 'auth.signed_out'
  | 'auth.account_switched'
  | 'member.invited'
  | 'member.invite_revoked'
  | 'member.joined'
  | 'member.role_changed'
  | 'member.removed'
  | 'connection.created'
  | 'connection.removed'
  | 'refund.created'
  | 'contact.email_corrected';

/** Appends to the account's audit log inside the caller's tenant transaction. */
export async function audit(
  tx: Tx,
  entry: { accountId: string; userId: string | null; action: AuditAction; target?: string; metadata?: Record<string, unknown>; ip?: string },
) {
  await tx.insert(auditLog).values({
    accountId: entry.accountId,
    userId: entry.userId,
    action: entry.action,
    target: entry.target ?? null,
    metadata: entry.metadata ?? {},
    ip: entry.ip ?? null,
  });
}
