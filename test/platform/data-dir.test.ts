import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKeyRing } from '../../src/platform/crypto/encryption-keys.js';
import { openDatabase } from '../../src/platform/db/connect.js';

const modeOf = (dir: string) => fs.statSync(dir).mode & 0o777;

/** Issue 11, Low 11: the embedded data directory (database, key) is readable by its owner only. */
describe('DATA_DIR', () => {
  it('is created 0700 with the embedded database and the key, and an existing open one is closed', async () => {
    const fresh = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'opp-datadir-')), 'data');
    const keys = loadKeyRing({ dataDir: fresh });
    expect(keys.keys).toHaveLength(1);
    expect(modeOf(fresh)).toBe(0o700);

    const open = fs.mkdtempSync(path.join(os.tmpdir(), 'opp-datadir-open-'));
    fs.chmodSync(open, 0o755);
    const database = await openDatabase({ dataDir: open });
    try {
      expect(modeOf(open)).toBe(0o700);
      expect(modeOf(path.join(open, 'pglite'))).toBe(0o700);
    } finally {
      await database.close();
      fs.rmSync(open, { recursive: true, force: true });
      fs.rmSync(path.dirname(fresh), { recursive: true, force: true });
    }
  });
});
