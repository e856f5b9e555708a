import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../../config.js';
import { ensurePrivateDir } from '../private-dir.js';
import type { EncryptionKey } from './secret-box.js';

/**
 * ENCRYPTION_KEY is either one base64 key of 32 bytes, or a ring `id:base64,id:base64,…`
 * whose first key seals and whose others still open (during a rotation).
 */
export function parseKeyRing(raw: string, variable = 'ENCRYPTION_KEY'): EncryptionKey[] {
  const parts = raw.split(',').map((p) => p.trim()).filter(Boolean);
  if (parts.length === 0) throw new ConfigError(variable, 'is empty');
  const keys = parts.map((part) => {
    const colon = part.indexOf(':');
    const encoded = colon === -1 ? part : part.slice(colon + 1);
    const key = Buffer.from(encoded, 'base64');
    if (key.length !== 32) throw new ConfigError(variable, 'must hold 32-byte keys in base64 (generate one with `openssl rand -base64 32`)');
    const id = colon === -1 ? crypto.createHash('sha256').update(key).digest('hex').slice(0, 8) : part.slice(0, colon);
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(id)) throw new ConfigError(variable, `key id "${id}" must be 1-32 of [A-Za-z0-9_-]`);
    return { id, key };
  });
  if (new Set(keys.map((k) => k.id)).size !== keys.length) throw new ConfigError(variable, 'has the same key id twice');
  return keys;
}

export function formatKeyRing(keys: EncryptionKey[]): string {
  return keys.map((k) => `${k.id}:${k.key.toString('base64')}`).join(',');
}

export function newKey(): EncryptionKey {
  return { id: crypto.randomBytes(4).toString('hex'), key: crypto.randomBytes(32) };
}

export const keyFileName = 'encryption.key';

/**
 * The embedded default: the key ring lives in DATA_DIR/encryption.key (mode 0600), generated
 * on first start. With DATABASE_URL the key must come from the environment (config enforces it).
 */
export function loadKeyRing(options: { encryptionKey?: string; dataDir: string }): { keys: EncryptionKey[]; file?: string } {
  if (options.encryptionKey) return { keys: parseKeyRing(options.encryptionKey) };
  const file = path.join(options.dataDir, keyFileName);
  if (!fs.existsSync(file)) {
    ensurePrivateDir(options.dataDir);
    try {
      fs.writeFileSync(file, formatKeyRing([newKey()]) + '\n', { mode: 0o600, flag: 'wx' });
    } catch (err) {
      // Another process created it first: use theirs.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  return { keys: parseKeyRing(fs.readFileSync(file, 'utf8').trim(), file), file };
}
