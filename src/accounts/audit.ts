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
  | 'contact.email_corrected'
  | 'product.created'
  | 'product.updated'
  | 'price.created'
  | 'price.updated'
  | 'form.created'
  | 'form.updated';

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

/** Fields that only say when a record was written: not a change worth auditing. */
const bookkeeping = new Set(['updatedAt', 'createdAt', 'object']);

/**
 * What an update changed, field by field: `{ name: { from: "Tee", to: "T-shirt" } }` (values compared
 * as JSON, so nested settings and item lists count as one field each). Empty when nothing changed.
 */
export function changesOf(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (bookkeeping.has(key)) continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changes[key] = { from: before[key] ?? null, to: after[key] ?? null };
  }
  return changes;
}

/** Audits an update with its before and after (`metadata.changes`), unless it changed nothing. */
export async function auditChanges(
  tx: Tx,
  entry: { accountId: string; userId: string | null; action: AuditAction; target: string; ip?: string },
  before: Record<string, unknown>,
  after: Record<string, unknown>,
) {
  const changes = changesOf(before, after);
  if (Object.keys(changes).length > 0) await audit(tx, { ...entry, metadata: { changes } });
}
