import { and, eq } from 'drizzle-orm';
import { providerConnections, type Mode } from '../platform/db/schema.js';
import type { Tx } from '../platform/db/tenant.js';

type Row = typeof providerConnections.$inferSelect;
type Provider = Row['provider'];
export type ConnectionValues = Pick<Row, 'sandbox' | 'credentials' | 'keyId' | 'hint' | 'publicConfig'>;

const lockRow = async (tx: Tx, accountId: string, mode: Mode, provider: Provider): Promise<Row | undefined> => {
  const [row] = await tx
    .select()
    .from(providerConnections)
    .where(and(eq(providerConnections.accountId, accountId), eq(providerConnections.mode, mode), eq(providerConnections.provider, provider)))
    .for('update');
  return row;
};

/**
 * Inserts an account's connection to a provider in a mode, or replaces the one there (inside the
 * caller's tenant transaction). Returns the stored row and, when one was replaced, the previous row
 * (so the caller can clean up what the old credentials held at the provider).
 */
export async function storeConnection(tx: Tx, key: { accountId: string; mode: Mode; provider: Provider }, values: ConnectionValues): Promise<{ row: Row; replaced?: Row }> {
  const { accountId, mode, provider } = key;
  let replaced = await lockRow(tx, accountId, mode, provider);
  if (!replaced) {
    const [row] = await tx
      .insert(providerConnections)
      .values({ accountId, mode, provider, status: 'connected', ...values })
      .onConflictDoNothing()
      .returning();
    if (row) return { row };
    // A concurrent connect inserted first: replace its row like any other.
    replaced = (await lockRow(tx, accountId, mode, provider))!;
  }
  const [row] = await tx
    .update(providerConnections)
    .set({ ...values, status: 'connected', updatedAt: new Date() })
    .where(and(eq(providerConnections.id, replaced.id), eq(providerConnections.accountId, accountId)))
    .returning();
  return { row, replaced };
}
