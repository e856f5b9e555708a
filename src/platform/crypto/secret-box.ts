import crypto from 'node:crypto';

/**
 * AES-256-GCM sealing of secrets at rest (provider keys, tokens). A sealed value names the key
 * that sealed it, so keys can rotate: the first key of the ring seals, every key can open.
 * The `context` is bound as additional data, so a sealed value copied to another row does not open.
 *
 * Format: `v1.<keyId>.<iv>.<ciphertext+tag>` (base64url parts).
 */
export interface EncryptionKey {
  id: string;
  key: Buffer;
}

export class SecretBox {
  private readonly byId: Map<string, Buffer>;

  constructor(readonly keys: EncryptionKey[]) {
    if (keys.length === 0) throw new Error('SecretBox needs at least one key');
    for (const k of keys) {
      if (k.key.length !== 32) throw new Error(`encryption key ${k.id} must be 32 bytes`);
      if (!/^[A-Za-z0-9_-]{1,32}$/.test(k.id)) throw new Error(`encryption key id "${k.id}" must be 1-32 of [A-Za-z0-9_-]`);
    }
    this.byId = new Map(keys.map((k) => [k.id, k.key]));
  }

  get activeKeyId(): string {
    return this.keys[0].id;
  }

  seal(plaintext: string, context: string): string {
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.keys[0].key, iv);
    cipher.setAAD(Buffer.from(context));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return ['v1', this.activeKeyId, iv.toString('base64url'), body.toString('base64url')].join('.');
  }

  open(sealed: string, context: string): string {
    const [version, keyId, ivPart, bodyPart] = sealed.split('.');
    if (version !== 'v1' || !keyId || !ivPart || !bodyPart) throw new Error('not a sealed secret');
    const key = this.byId.get(keyId);
    if (!key) throw new Error(`secret sealed with unknown key "${keyId}" (is it still in ENCRYPTION_KEY?)`);
    const body = Buffer.from(bodyPart, 'base64url');
    const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(ivPart, 'base64url'));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(body.subarray(body.length - 16));
    return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]).toString('utf8');
  }

  /** The key id a sealed value was sealed with. */
  static keyIdOf(sealed: string): string {
    return sealed.split('.')[1] ?? '';
  }
}
