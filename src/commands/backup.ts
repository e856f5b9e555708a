import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';
import { backupNow } from '../backup/backup-job.js';
import { restoreBackup } from '../backup/restore-backup.js';
import { keyFileName, loadKeyRing } from '../platform/crypto/encryption-keys.js';
import { SecretBox } from '../platform/crypto/secret-box.js';
import { openDatabase } from '../platform/db/connect.js';

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** `onepagepay backup`: one encrypted backup into BACKUP_DIR, then retention. */
export async function backupCommand(config: Config, options: { json: boolean }) {
  const { keys } = loadKeyRing({ encryptionKey: config.encryptionKey, dataDir: config.dataDir });
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
  try {
    const result = await backupNow({ config, database, secretBox: new SecretBox(keys) });
    if (options.json) {
      process.stdout.write(`${JSON.stringify({ file: result.file, size: result.size, keyId: keys[0]!.id, pruned: result.pruned })}\n`);
    } else {
      process.stdout.write(
        `Backup written: ${result.file} (${megabytes(result.size)}, encrypted with key ${keys[0]!.id}).\n` +
          (result.pruned.length ? `Deleted ${result.pruned.length} backup(s) older than ${config.backupRetentionDays} days.\n` : ''),
      );
    }
  } finally {
    await database.close();
  }
}

/**
 * `onepagepay restore FILE`: into an empty database (DATABASE_URL) or an empty DATA_DIR. The keys
 * must be the backed-up deployment's: with neither ENCRYPTION_KEY nor DATA_DIR/encryption.key,
 * nothing is generated (a new key could open nothing in the backup).
 */
export async function restoreCommand(config: Config, file: string, options: { force: boolean }) {
  if (!fs.existsSync(file)) throw new Error(`${file} does not exist`);
  if (!config.encryptionKey && !fs.existsSync(path.join(config.dataDir, keyFileName))) {
    throw new Error(
      `no encryption key: set ENCRYPTION_KEY, or copy ${keyFileName} from the backed-up DATA_DIR into ${config.dataDir}, to the key that encrypted the backup.`,
    );
  }
  const { keys } = loadKeyRing({ encryptionKey: config.encryptionKey, dataDir: config.dataDir });
  const result = await restoreBackup(path.resolve(file), { databaseUrl: config.databaseUrl, dataDir: config.dataDir, keys, pgBinDir: config.pgBinDir, force: options.force });
  process.stdout.write(
    `Restored ${file} (taken ${result.header.createdAt}, ${result.header.migration}) into ${config.databaseUrl ? 'the DATABASE_URL database' : config.dataDir}.\n` +
      (result.movedAside ? `The database that was there is in ${result.movedAside}.\n` : '') +
      (result.applied.length ? `Applied ${result.applied.join(', ')}.\n` : ''),
  );
}
