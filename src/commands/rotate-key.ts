import fs from 'node:fs';
import type { Config } from '../config.js';
import { openDatabase } from '../platform/db/connect.js';
import { migrate } from '../platform/schema/migrate.js';
import { formatKeyRing, loadKeyRing, newKey } from '../platform/crypto/encryption-keys.js';
import { rotateSecrets } from '../platform/crypto/rotate-secrets.js';
import { SecretBox } from '../platform/crypto/secret-box.js';

/**
 * `onepagepay rotate-key`.
 * - Embedded default (key file in DATA_DIR): makes a new key, re-seals everything with it, and drops the old key from the file.
 * - ENCRYPTION_KEY: put the new key first (`new:<base64>,old:<base64>`), run this, then remove the old key from the variable.
 */
export async function rotateKeyCommand(config: Config) {
  const ring = loadKeyRing({ encryptionKey: config.encryptionKey, dataDir: config.dataDir });
  const keys = ring.file ? [newKey(), ...ring.keys] : ring.keys;
  // Open the database first: if it cannot be opened (in use, unreachable), the key file stays as it was.
  const database = await openDatabase({ databaseUrl: config.databaseUrl, appDatabaseUrl: config.appDatabaseUrl, dataDir: config.dataDir });
  try {
    await migrate(database);
    if (ring.file) fs.writeFileSync(ring.file, formatKeyRing(keys) + '\n', { mode: 0o600 });
    const { resealed, unusedKeyIds } = await rotateSecrets(database, new SecretBox(keys));
    if (ring.file) {
      fs.writeFileSync(ring.file, formatKeyRing([keys[0]]) + '\n', { mode: 0o600 });
      process.stdout.write(`Re-encrypted ${resealed} secret(s) with new key ${keys[0].id}; ${ring.file} now holds only that key.\n`);
    } else {
      process.stdout.write(
        `Re-encrypted ${resealed} secret(s) with key ${keys[0].id}.` +
          (unusedKeyIds.length ? ` Key(s) ${unusedKeyIds.join(', ')} are no longer used: remove them from ENCRYPTION_KEY.\n` : '\n'),
      );
    }
  } finally {
    await database.close();
  }
}
