import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAccount } from '../../src/accounts/create-account.js';
import { formatKeyRing, keyFileName, loadKeyRing, parseKeyRing } from '../../src/platform/crypto/encryption-keys.js';
import { connectionContext, rotateSecrets } from '../../src/platform/crypto/rotate-secrets.js';
import { SecretBox, type EncryptionKey } from '../../src/platform/crypto/secret-box.js';
import { openDatabase, type Database } from '../../src/platform/db/connect.js';
import { migrate } from '../../src/platform/schema/migrate.js';
import { providerConnections } from '../../src/platform/db/schema.js';
import { withTenant } from '../../src/platform/db/tenant.js';
import { createTestDatabase, drivers, type TestDatabase } from '../helpers/databases.js';
import { runCli } from '../helpers/cli.js';
import { uniqueEmail } from '../helpers/harness.js';



const key = (id: string): EncryptionKey => ({ id, key: crypto.randomBytes(32) });
const providers = ['stripe', 'hubspot', 'paypal'] as const;

/** Stores a provider connection the way the app does: through the tenant scope, sealed for its row. */
async function storeConnection(database: Database, box: SecretBox, accountId: string, provider: (typeof providers)[number]) {
  const secret = `${provider}_secret_${crypto.randomBytes(12).toString('hex')}`;
  const row = { accountId, mode: 'test' as const, provider };
  await withTenant(database, accountId, (tx) =>
    tx.insert(providerConnections).values({ ...row, credentials: box.seal(secret, connectionContext(row)), keyId: box.activeKeyId }),
  );
  return { ...row, secret };
}

async function storedConnections(database: Database) {
  return database.db.select().from(providerConnections);
}

async function newAccount(database: Database) {
  return (await createAccount(database, { email: uniqueEmail('rotate'), password: 'correct horse battery' })).accountId;
}

describe.each(drivers)('rotateSecrets (%s)', (driver) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(driver);
  });
  afterAll(() => db.close());
  // rotateSecrets works on every account at once: each test starts with no stored secrets.
  beforeEach(async () => {
    await db.database.query('DELETE FROM provider_connections', []);
  });

  it('re-seals every account’s secrets with the new key, which alone then opens them', async () => {
    const [a, b] = [key('key-a'), key('key-b')];
    const first = await newAccount(db.database);
    const second = await newAccount(db.database);
    const stored = [
      await storeConnection(db.database, new SecretBox([a]), first, 'stripe'),
      await storeConnection(db.database, new SecretBox([a]), first, 'hubspot'),
      await storeConnection(db.database, new SecretBox([a]), second, 'paypal'),
    ];
    const onlyB = new SecretBox([b]);
    // Before: the new key alone cannot read them.
    for (const row of await storedConnections(db.database)) expect(() => onlyB.open(row.credentials, connectionContext(row))).toThrow(/"key-a"/);

    const result = await rotateSecrets(db.database, new SecretBox([b, a]));
    expect(result).toEqual({ resealed: 3, unusedKeyIds: ['key-a'] });

    const rows = await storedConnections(db.database);
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(row.keyId).toBe('key-b');
      expect(SecretBox.keyIdOf(row.credentials)).toBe('key-b');
      const expected = stored.find((s) => s.accountId === row.accountId && s.provider === row.provider)!;
      expect(onlyB.open(row.credentials, connectionContext(row))).toBe(expected.secret);
    }
  });

  it('re-seals nothing the second time, and leaves rows already on the active key alone', async () => {
    const [a, b] = [key('key-a'), key('key-b')];
    const account = await newAccount(db.database);
    await storeConnection(db.database, new SecretBox([a]), account, 'stripe');
    await storeConnection(db.database, new SecretBox([b]), account, 'paypal');
    const onB = (await storedConnections(db.database)).find((r) => r.provider === 'paypal')!;

    expect((await rotateSecrets(db.database, new SecretBox([b, a]))).resealed).toBe(1);
    const after = await storedConnections(db.database);
    expect(after.find((r) => r.provider === 'paypal')!.credentials).toBe(onB.credentials);

    expect((await rotateSecrets(db.database, new SecretBox([b, a]))).resealed).toBe(0);
    expect(await storedConnections(db.database)).toEqual(after);
  });

  it('changes nothing when a secret cannot be opened with the ring (the old key is missing)', async () => {
    const account = await newAccount(db.database);
    await storeConnection(db.database, new SecretBox([key('lost')]), account, 'stripe');
    const before = await storedConnections(db.database);
    await expect(rotateSecrets(db.database, new SecretBox([key('key-b')]))).rejects.toThrow(/"lost"/);
    expect(await storedConnections(db.database)).toEqual(before);
  });
});

describe('onepagepay rotate-key (embedded default, key file in DATA_DIR)', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opp-rotate-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('replaces the key file with a new key and re-seals the stored secret with it', { timeout: 120_000 }, async () => {
    const oldRing = loadKeyRing({ dataDir });
    const keyFile = path.join(dataDir, keyFileName);
    const database = await openDatabase({ dataDir });
    let stored: Awaited<ReturnType<typeof storeConnection>>;
    try {
      await migrate(database);
      stored = await storeConnection(database, new SecretBox(oldRing.keys), await newAccount(database), 'stripe');
    } finally {
      await database.close();
    }

    const result = await runCli(['rotate-key'], { DATA_DIR: dataDir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Re-encrypted 1 secret/);

    const newKeys = parseKeyRing(fs.readFileSync(keyFile, 'utf8').trim());
    expect(newKeys).toHaveLength(1);
    expect(newKeys[0].id).not.toBe(oldRing.keys[0].id);
    expect(newKeys[0].key.equals(oldRing.keys[0].key)).toBe(false);
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);

    const reopened = await openDatabase({ dataDir });
    try {
      const [row] = await storedConnections(reopened);
      expect(row.keyId).toBe(newKeys[0].id);
      expect(new SecretBox(loadKeyRing({ dataDir }).keys).open(row.credentials, connectionContext(row))).toBe(stored.secret);
      expect(() => new SecretBox(oldRing.keys).open(row.credentials, connectionContext(row))).toThrow();
    } finally {
      await reopened.close();
    }
  });
});

describe.runIf(drivers.includes('pg'))('onepagepay rotate-key (PostgreSQL, ring in ENCRYPTION_KEY)', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createTestDatabase('pg');
  });
  afterEach(() => db.close());

  it('re-seals with the first key of ENCRYPTION_KEY and names the keys that can be removed', { timeout: 120_000 }, async () => {
    const [a, b] = [key('old'), key('new')];
    const stored = await storeConnection(db.database, new SecretBox([a]), await newAccount(db.database), 'hubspot');
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opp-rotate-pg-'));
    try {
      const result = await runCli(['rotate-key'], { DATABASE_URL: db.url!, ENCRYPTION_KEY: formatKeyRing([b, a]), DATA_DIR: dataDir });
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/Re-encrypted 1 secret\(s\) with key new/);
      expect(result.stdout).toMatch(/old are no longer used/);
      expect(fs.existsSync(path.join(dataDir, keyFileName))).toBe(false);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
    const [row] = await db.database.db.select().from(providerConnections).where(eq(providerConnections.provider, 'hubspot'));
    expect(row.keyId).toBe('new');
    expect(new SecretBox([b]).open(row.credentials, connectionContext(row))).toBe(stored.secret);
  });
});
