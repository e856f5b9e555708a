import { and, eq } from 'drizzle-orm';
import { providerConnections, type Mode, type MonitoredProvider } from '../platform/db/schema.js';
import { withTenant } from '../platform/db/tenant.js';
import type { ConnectionContext, ConnectionRow } from './payment-provider.js';

/** A merchant's stored connection to a provider in a mode (credentials still sealed), or undefined. */
export async function loadConnectionRow(ctx: Pick<ConnectionContext, 'database'>, accountId: string, mode: Mode, provider: MonitoredProvider): Promise<ConnectionRow | undefined> {
  const [row] = await withTenant(ctx.database, accountId, (tx) =>
    tx
      .select()
      .from(providerConnections)
      .where(and(eq(providerConnections.accountId, accountId), eq(providerConnections.mode, mode), eq(providerConnections.provider, provider)))
      .limit(1),
  );
  return row;
}
