import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config.js';
import { formatKeyRing, keyFileName, loadKeyRing, newKey, parseKeyRing } from '../../src/platform/crypto/encryption-keys.js';
import { SecretBox, type EncryptionKey } from '../../src/platform/crypto/secret-box.js';

const context = 'provider_connections:acct:test:stripe';
const secret = 'sk_test_' + crypto.randomBytes(12).toString('hex');
const b64 = (bytes: number) => crypto.randomBytes(bytes).toString('base64');

/** Flips one bit of the ciphertext part of a sealed value. */
function tamper(sealed: string): string {
  const parts = sealed.split('.');
  const body = Buffer.from(parts[3], 'base64url');
  body[0] ^= 0x01;
  parts[3] = body.toString('base64url');
  return parts.join('.');
}

describe('SecretBox', () => {
  const box = new SecretBox([newKey()]);

  it('opens what it sealed', () => {
    const sealed = box.seal(secret, context);
    expect(sealed).not.toContain(secret);
    expect(box.open(sealed, context)).toBe(secret);
  });

  it('round-trips unicode and empty secrets', () => {
    for (const value of ['', 'pässwörd ✓ 秘密']) expect(box.open(box.seal(value, context), context)).toBe(value);
  });

  it('seals the same secret differently each time (fresh IV)', () => {
    const a = box.seal(secret, context);
    const b = box.seal(secret, context);
    expect(a).not.toBe(b);
    expect(a.split('.')[2]).not.toBe(b.split('.')[2]);
  });

  it('names the key that sealed a value', () => {
    expect(SecretBox.keyIdOf(box.seal(secret, context))).toBe(box.activeKeyId);
  });

  it('refuses to open a value under another context (copied to another row)', () => {
    const sealed = box.seal(secret, context);
    expect(() => box.open(sealed, 'provider_connections:acct:live:stripe')).toThrow();
  });

  it('refuses a tampered ciphertext', () => {
    const sealed = box.seal(secret, context);
    expect(() => box.open(tamper(sealed), context)).toThrow();
  });

  it('refuses something that is not a sealed value', () => {
    expect(() => box.open(secret, context)).toThrow(/not a sealed secret/);
  });

  it('refuses a value sealed with a key it does not hold, naming that key', () => {
    const other = new SecretBox([{ id: 'retired-key', key: crypto.randomBytes(32) }]);
    const sealed = other.seal(secret, context);
    expect(() => box.open(sealed, context)).toThrow(/"retired-key"/);
  });

  it('refuses a value sealed with a different key under the same id', () => {
    const impostor = new SecretBox([{ id: box.activeKeyId, key: crypto.randomBytes(32) }]);
    expect(() => box.open(impostor.seal(secret, context), context)).toThrow();
  });

  it('with a new key first, seals with the new key and still opens values sealed with the old one', () => {
    const oldKey = newKey();
    const freshKey = newKey();
    const sealedWithOld = new SecretBox([oldKey]).seal(secret, context);
    const ring = new SecretBox([freshKey, oldKey]);
    expect(ring.activeKeyId).toBe(freshKey.id);
    expect(ring.open(sealedWithOld, context)).toBe(secret);
    const resealed = ring.seal(secret, context);
    expect(SecretBox.keyIdOf(resealed)).toBe(freshKey.id);
    expect(new SecretBox([freshKey]).open(resealed, context)).toBe(secret);
  });

  it('rejects an empty ring, short keys and malformed key ids', () => {
    expect(() => new SecretBox([])).toThrow();
    expect(() => new SecretBox([{ id: 'a', key: crypto.randomBytes(16) }])).toThrow(/32 bytes/);
    expect(() => new SecretBox([{ id: 'has.dot', key: crypto.randomBytes(32) }])).toThrow(/key id/);
  });
});

describe('parseKeyRing (ENCRYPTION_KEY)', () => {
  it('accepts one base64 key and derives a stable id from it', () => {
    const raw = b64(32);
    const [key, ...rest] = parseKeyRing(raw);
    expect(rest).toHaveLength(0);
    expect(key.key.equals(Buffer.from(raw, 'base64'))).toBe(true);
    expect(key.id).toMatch(/^[0-9a-f]{8}$/);
    expect(parseKeyRing(raw)[0].id).toBe(key.id);
    expect(parseKeyRing(b64(32))[0].id).not.toBe(key.id);
  });

  it('accepts a ring `id:base64,id:base64` in order, the first one sealing', () => {
    const [first, second] = [b64(32), b64(32)];
    const ring = parseKeyRing(`new:${first}, old:${second}`);
    expect(ring.map((k) => k.id)).toEqual(['new', 'old']);
    expect(ring[0].key.equals(Buffer.from(first, 'base64'))).toBe(true);
    expect(ring[1].key.equals(Buffer.from(second, 'base64'))).toBe(true);
    expect(new SecretBox(ring).activeKeyId).toBe('new');
  });

  it('reads back what formatKeyRing writes', () => {
    const keys = [newKey(), newKey()];
    const parsed = parseKeyRing(formatKeyRing(keys));
    expect(parsed.map((k) => k.id)).toEqual(keys.map((k) => k.id));
    parsed.forEach((k, i) => expect(k.key.equals(keys[i].key)).toBe(true));
  });

  const rejected: [string, string][] = [
    ['a key shorter than 32 bytes', b64(16)],
    ['a key longer than 32 bytes', b64(48)],
    ['a short key inside a ring', `a:${b64(32)},b:${b64(31)}`],
    ['the same id twice', `a:${b64(32)},a:${b64(32)}`],
    ['a malformed id', `bad id:${b64(32)}`],
    ['nothing', ' , '],
  ];
  it.each(rejected)('rejects %s with a ConfigError naming ENCRYPTION_KEY and not echoing key material', (_label, raw) => {
    let error: unknown;
    try {
      parseKeyRing(raw);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe('ENCRYPTION_KEY');
    const keyMaterial = raw.split(',').map((part) => part.split(':').pop()!.trim()).filter((part) => part.length >= 16);
    for (const material of keyMaterial) expect((error as Error).message).not.toContain(material);
  });
});

describe('loadKeyRing', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opp-keys-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('generates DATA_DIR/encryption.key once, readable by the owner only, and reuses it', () => {
    const dataDir = path.join(tempDir(), 'nested', 'data');
    const first = loadKeyRing({ dataDir });
    const file = path.join(dataDir, keyFileName);
    expect(first.file).toBe(file);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(first.keys).toHaveLength(1);
    expect(first.keys[0].key).toHaveLength(32);

    const content = fs.readFileSync(file, 'utf8');
    const second = loadKeyRing({ dataDir });
    expect(fs.readFileSync(file, 'utf8')).toBe(content);
    expect(second.keys[0].id).toBe(first.keys[0].id);
    expect(second.keys[0].key.equals(first.keys[0].key)).toBe(true);
  });

  it('generates a different key for a different DATA_DIR', () => {
    const a = loadKeyRing({ dataDir: tempDir() });
    const b = loadKeyRing({ dataDir: tempDir() });
    expect(a.keys[0].key.equals(b.keys[0].key)).toBe(false);
  });

  it('uses ENCRYPTION_KEY when set and writes no key file', () => {
    const dataDir = tempDir();
    const raw = b64(32);
    const ring = loadKeyRing({ encryptionKey: raw, dataDir });
    expect(ring.file).toBeUndefined();
    expect(ring.keys[0].key.equals(Buffer.from(raw, 'base64'))).toBe(true);
    expect(fs.existsSync(path.join(dataDir, keyFileName))).toBe(false);
  });

  it('refuses a corrupt key file, naming the file', () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, keyFileName);
    fs.writeFileSync(file, 'not-a-key\n', { mode: 0o600 });
    expect(() => loadKeyRing({ dataDir })).toThrow(ConfigError);
    expect(() => loadKeyRing({ dataDir })).toThrow(file);
  });

  it('opens in a later process what an earlier one sealed with the generated key', () => {
    const dataDir = tempDir();
    const sealed = new SecretBox(loadKeyRing({ dataDir }).keys).seal(secret, context);
    const later = new SecretBox(loadKeyRing({ dataDir }).keys as EncryptionKey[]);
    expect(later.open(sealed, context)).toBe(secret);
  });
});
