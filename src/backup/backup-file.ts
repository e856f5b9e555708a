import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { EncryptionKey } from '../platform/crypto/secret-box.js';

/**
 * A backup file: a two-line plain header, then the dump encrypted with AES-256-GCM, then the
 * 16-byte tag. The header says what is inside and which key sealed it, and is bound to the
 * ciphertext as additional data, so neither can be changed without restore refusing the file.
 *
 *   ONEPAGEPAY-BACKUP 1\n
 *   {"driver":"pg","content":"pg_dump-custom","keyId":"…","iv":"…",…}\n
 *   <ciphertext><tag>
 *
 * The key is derived from the encryption key named by `keyId` (HKDF, its own purpose), so a
 * backup needs the same ENCRYPTION_KEY (or DATA_DIR/encryption.key) as the secrets inside it.
 */
export interface BackupHeader {
  driver: 'pg' | 'pglite';
  /** `pg_dump-custom`: pg_dump --format=custom (compressed); `pglite-datadir-tgz`: PGlite's dumpDataDir('gzip'). */
  content: 'pg_dump-custom' | 'pglite-datadir-tgz';
  createdAt: string;
  keyId: string;
  iv: string;
  /** The dump tool and the server it read, e.g. `pg_dump 15.20` and `15.20`. */
  tool: string;
  serverVersion: string;
  /** The newest migration applied in the dumped database. */
  migration: string;
}

const magic = 'ONEPAGEPAY-BACKUP 1\n';
const tagLength = 16;

export class BackupFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupFileError';
  }
}

function backupKey(key: EncryptionKey): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', key.key, Buffer.alloc(0), 'onepagepay backup v1', 32));
}

/**
 * Writes `source` to `file` encrypted with the first key of the ring. The file appears only when
 * complete (written as `file.partial`, then renamed) and, when the source is a process's output,
 * only if that process succeeded (`sourceDone`); on failure nothing is left behind.
 */
export async function writeBackupFile(
  file: string,
  keys: EncryptionKey[],
  header: Omit<BackupHeader, 'keyId' | 'iv'>,
  source: Readable,
  sourceDone: Promise<void> = Promise.resolve(),
): Promise<number> {
  const iv = crypto.randomBytes(12);
  const full: BackupHeader = { ...header, keyId: keys[0]!.id, iv: iv.toString('base64') };
  const head = Buffer.from(`${magic}${JSON.stringify(full)}\n`);
  const cipher = crypto.createCipheriv('aes-256-gcm', backupKey(keys[0]!), iv);
  cipher.setAAD(head);
  const partial = `${file}.partial`;
  try {
    const out = fs.createWriteStream(partial, { mode: 0o600, flags: 'wx' });
    out.write(head);
    await Promise.all([pipeline(source, cipher, out), sourceDone]);
    await fs.promises.appendFile(partial, cipher.getAuthTag());
    await fs.promises.rename(partial, file);
  } catch (err) {
    await fs.promises.rm(partial, { force: true });
    throw err;
  }
  return (await fs.promises.stat(file)).size;
}

/** Reads and checks a backup's header (nothing is decrypted); `head` is its bytes, the ciphertext's additional data. */
export async function readBackupHeader(file: string): Promise<{ header: BackupHeader; head: Buffer; size: number }> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.alloc(Math.min(size, 8192));
    await handle.read(buffer, 0, buffer.length, 0);
    const text = buffer.toString('latin1');
    const end = text.indexOf('\n', magic.length);
    if (!text.startsWith(magic) || end === -1) throw new BackupFileError(`${file} is not a OnePagePay backup`);
    let header: BackupHeader;
    try {
      header = JSON.parse(text.slice(magic.length, end)) as BackupHeader;
    } catch {
      throw new BackupFileError(`${file} has a damaged header`);
    }
    if (!['pg', 'pglite'].includes(header.driver) || typeof header.keyId !== 'string' || typeof header.iv !== 'string') {
      throw new BackupFileError(`${file} has a damaged header`);
    }
    const head = buffer.subarray(0, end + 1);
    if (size < head.length + tagLength) throw new BackupFileError(`${file} is truncated`);
    return { header, head, size };
  } finally {
    await handle.close();
  }
}

/**
 * Decrypts a backup into `target`. GCM checks the whole file at the end: the caller must treat
 * what was written as untrusted until this resolves (restore decrypts to a private temporary
 * file first, and only then loads it).
 */
export async function decryptBackupFile(file: string, keys: EncryptionKey[], target: Writable): Promise<BackupHeader> {
  const { header, head, size } = await readBackupHeader(file);
  const key = keys.find((k) => k.id === header.keyId);
  if (!key) {
    throw new BackupFileError(
      `${file} was encrypted with key "${header.keyId}", which is not in ENCRYPTION_KEY (or DATA_DIR/encryption.key) here (keys: ${keys.map((k) => k.id).join(', ')}). ` +
        'Use the key the backed-up deployment had: it also opens the provider credentials inside.',
    );
  }
  const handle = await fs.promises.open(file, 'r');
  const tag = Buffer.alloc(tagLength);
  try {
    await handle.read(tag, 0, tagLength, size - tagLength);
  } finally {
    await handle.close();
  }
  const decipher = crypto.createDecipheriv('aes-256-gcm', backupKey(key), Buffer.from(header.iv, 'base64'));
  decipher.setAAD(head);
  decipher.setAuthTag(tag);
  try {
    await pipeline(fs.createReadStream(file, { start: head.length, end: size - tagLength - 1 }), decipher, target);
  } catch (err) {
    if (/unable to authenticate|auth/i.test((err as Error).message)) {
      throw new BackupFileError(`${file} failed its integrity check: it was changed or damaged after it was written`);
    }
    throw err;
  }
  return header;
}
