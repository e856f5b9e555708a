import fs from 'node:fs';

/**
 * Creates a folder only its owner can read (0700), or makes an existing one so: DATA_DIR holds the
 * embedded database (buyers' personal data, sealed credentials) and the encryption key.
 */
export function ensurePrivateDir(dir: string) {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
}
