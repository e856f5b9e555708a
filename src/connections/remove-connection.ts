import { and, eq } from 'drizzle-orm';
import { audit } from '../accounts/audit.js';
import { providerConnections } from '../platform/db/schema.js';
import { withTenant } from '../platform/db/tenant.js';
import { AppError } from '../platform/http/errors.js';
import type { AppContext } from '../platform/http/types.js';
import type { ConnectionRow } from '../providers/payment-provider.js';
import { providerNames } from '../providers/provider-names.js';

/**
 * Deletes the connection read earlier — only that one: a reconnect in between keeps its new row
 * (a 409 asks to try again) — and records who removed it, with `details` for the audit entry.
 */
export async function removeConnection(ctx: AppContext, row: ConnectionRow, by: { userId: string | null; ip?: string }, details: Record<string, unknown>) {
  await withTenant(ctx.database, row.accountId, async (tx) => {
    const deleted = await tx
      .delete(providerConnections)
      .where(and(eq(providerConnections.accountId, row.accountId), eq(providerConnections.id, row.id), eq(providerConnections.credentials, row.credentials)))
      .returning({ id: providerConnections.id });
    if (deleted.length === 0) throw new AppError('conflict', `The ${providerNames[row.provider]} connection changed while it was being removed. Please try again.`);
    await audit(tx, {
      accountId: row.accountId,
      userId: by.userId,
      action: 'connection.removed',
      target: `${row.provider}:${row.mode}`,
      metadata: { provider: row.provider, mode: row.mode, sandbox: row.sandbox, hint: row.hint, ...details },
      ip: by.ip,
    });
  });
}
