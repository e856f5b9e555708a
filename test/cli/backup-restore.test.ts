import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('onepagepay backup and restore (embedded database)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onepagepay-cli-backup-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const env = (data: string) => ({ DATA_DIR: path.join(dir, data), BACKUP_DIR: path.join(dir, 'backups') });

  it('backs up into BACKUP_DIR, restores into an empty DATA_DIR with the same key, and refuses without it', async () => {
    expect((await runCli(['migrate'], env('source'))).code).toBe(0);
    const backup = await runCli(['backup', '--json'], env('source'));
    expect(backup.code, backup.stderr).toBe(0);
    const { file, size, keyId } = JSON.parse(backup.stdout) as { file: string; size: number; keyId: string };
    expect(path.dirname(file)).toBe(path.join(dir, 'backups'));
    expect(fs.statSync(file).size).toBe(size);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    expect(fs.readFileSync(path.join(dir, 'source', 'encryption.key'), 'utf8')).toContain(`${keyId}:`);

    const noKey = await runCli(['restore', file], env('copy'));
    expect(noKey.code).toBe(1);
    expect(noKey.stderr).toMatch(/no encryption key: set ENCRYPTION_KEY, or copy encryption.key/);
    expect(fs.existsSync(path.join(dir, 'copy', 'pglite'))).toBe(false);

    fs.mkdirSync(path.join(dir, 'copy'), { recursive: true });
    fs.copyFileSync(path.join(dir, 'source', 'encryption.key'), path.join(dir, 'copy', 'encryption.key'));
    const restored = await runCli(['restore', file], env('copy'));
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/^Restored .* into .*copy/);
    const again = await runCli(['restore', file], env('copy'));
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already holds a database.*--force/);

    const missing = await runCli(['restore', path.join(dir, 'nope.backup')], env('copy'));
    expect(missing).toMatchObject({ code: 1 });
    expect(missing.stderr).toMatch(/nope.backup does not exist/);
    expect((await runCli(['restore'], env('copy'))).code).toBe(2);
  }, 120_000);
});
