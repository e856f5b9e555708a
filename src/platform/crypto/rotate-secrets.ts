import { eq } from 'drizzle-orm';
import type { Database } from '../db/connect.js';
import { providerConnections } from '../db/schema.js';
import { SecretBox } from './secret-box.js';

/** The additional data a provider connection's credentials are sealed with (binds them to their row). */
export const connectionContext = (row: { accountId: string; mode: string; provider: string }) =>
  `provider_connections:${row.accountId}:${row.mode}:${row.provider}`;

/**
 * Re-seals every stored secret not sealed with the active key (system scope, all accounts).
 * Returns how many were re-sealed and which key ids are no longer used.
 */
export async function rotateSecrets(database: Database, box: SecretBox): Promise<{ resealed: number; unusedKeyIds: string[] }> {
  let resealed = 0;
  await database.db.transaction(async (tx) => {
    const rows = await tx.select().from(providerConnections).for('update');
    for (const row of rows) {
      if (SecretBox.keyIdOf(row.credentials) === box.activeKeyId) continue;
      const context = connectionContext(row);
      const sealed = box.seal(box.open(row.credentials, context), context);
      await tx.update(providerConnections).set({ credentials: sealed, keyId: box.activeKeyId }).where(eq(providerConnections.id, row.id));
      resealed++;
    }
  });
  return { resealed, unusedKeyIds: box.keys.slice(1).map((k) => k.id) };
}
