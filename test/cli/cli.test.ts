import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { keyFileName } from '../../src/platform/crypto/encryption-keys.js';
import { lockFileName } from '../../src/platform/db/embedded-lock.js';
import { createTestDatabase, drivers } from '../helpers/databases.js';
import { runCli } from '../helpers/cli.js';
import { uniqueEmail } from '../helpers/harness.js';

const slow = { timeout: 120_000 };
const password = 'correct horse battery';

const tempDirs: string[] = [];
function tempDataDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opp-cli-'));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('onepagepay create-account (embedded database)', () => {
  const dataDir = tempDataDir();
  const email = uniqueEmail('cli-owner');

  it('prints exactly one JSON line with the new 32-hex account id', slow, async () => {
    const result = await runCli(['create-account', '--email', email, '--password', password, '--name', 'Ada', '--json'], { DATA_DIR: dataDir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    const out = JSON.parse(lines[0]);
    expect(out.accountId).toMatch(/^[0-9a-f]{32}$/);
    expect(out.email).toBe(email);
    // The embedded default made its key and its database under DATA_DIR.
    expect(fs.existsSync(path.join(dataDir, keyFileName))).toBe(true);
    expect(fs.existsSync(path.join(dataDir, 'pglite'))).toBe(true);
  });

  it('refuses the same email a second time with a clear message', slow, async () => {
    const result = await runCli(['create-account', '--email', email.toUpperCase(), '--password', password, '--json'], { DATA_DIR: dataDir });
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/already exists/);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('gives another email its own account id', slow, async () => {
    const [second, third] = [
      await runCli(['create-account', '--email', uniqueEmail('cli-second'), '--password', password, '--json'], { DATA_DIR: dataDir }),
      await runCli(['create-account', '--email', uniqueEmail('cli-third'), '--password', password, '--json'], { DATA_DIR: dataDir }),
    ];
    expect([second.code, third.code]).toEqual([0, 0]);
    expect(JSON.parse(second.stdout).accountId).not.toBe(JSON.parse(third.stdout).accountId);
  });

  it('refuses a password that is too short, saying why', slow, async () => {
    const result = await runCli(['create-account', '--email', uniqueEmail('cli-short'), '--password', 'short', '--json'], { DATA_DIR: dataDir });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/password must be at least/);
  });
});

describe('onepagepay usage errors', () => {
  it('exits 2 with the usage when --password is missing', slow, async () => {
    const result = await runCli(['create-account', '--email', 'a@example.com'], { DATA_DIR: tempDataDir() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--password/);
    expect(result.stderr).toMatch(/Usage: onepagepay/);
    expect(result.stdout).toBe('');
  });

  it('exits 2 with the usage for an unknown option', slow, async () => {
    const result = await runCli(['create-account', '--email', 'a@example.com', '--password', password, '--colour', 'red']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/colour/);
    expect(result.stderr).toMatch(/Usage: onepagepay/);
  });

  it('exits 2 with the usage for an unknown command', slow, async () => {
    const result = await runCli(['frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown command 'frobnicate'/);
    expect(result.stderr).toMatch(/Usage: onepagepay/);
  });

  it('prints the usage and exits 0 when asked for help', slow, async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Usage: onepagepay/);
    for (const command of ['serve', 'migrate', 'create-account', 'rotate-key']) expect(result.stdout).toContain(command);
  });
});

describe('onepagepay with bad configuration', () => {
  it('serve stops before starting and names PORT', slow, async () => {
    const result = await runCli(['serve'], { PORT: 'abc', DATA_DIR: tempDataDir() });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/PORT/);
    expect(result.stderr).toContain('"abc"');
    expect(result.stdout).not.toMatch(/running/);
  });

  it('create-account with DATABASE_URL but no ENCRYPTION_KEY names ENCRYPTION_KEY', slow, async () => {
    const dataDir = tempDataDir();
    const result = await runCli(['create-account', '--email', 'a@example.com', '--password', password], {
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
      DATA_DIR: dataDir,
    });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/ENCRYPTION_KEY/);
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });
});

describe('onepagepay --help', () => {
  it('rotate-key --help shows help and rotates nothing, creates nothing', slow, async () => {
    const dataDir = tempDataDir();
    const result = await runCli(['rotate-key', '--help'], { DATA_DIR: dataDir });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: onepagepay rotate-key/);
    expect(result.stderr).toBe('');
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });
});

describe('onepagepay on an embedded database another process has open', () => {
  it('says so in words, names the way out, and touches nothing; works once it is free', slow, async () => {
    const dataDir = tempDataDir();
    // Another process holding the embedded database, as a running `serve` does.
    const holder = spawn(process.execPath, ['--import', 'tsx', '-e', holdScript(dataDir)], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout.once('data', () => resolve());
        holder.once('exit', (code) => reject(new Error(`holder exited ${code}`)));
      });
      const keyFile = path.join(dataDir, keyFileName);
      const keyBefore = fs.readFileSync(keyFile, 'utf8');
      for (const args of [
        ['create-account', '--email', uniqueEmail('cli-busy'), '--password', password],
        ['migrate'],
        ['rotate-key'],
        ['serve'],
      ]) {
        const result = await runCli(args, { DATA_DIR: dataDir, PORT: '0' });
        expect(result.code, args[0]).toBe(1);
        expect(result.stderr).toContain(`The embedded database in ${dataDir} is in use by another OnePagePay process (pid ${holder.pid})`);
        expect(result.stderr).toContain('create-account --sandbox');
        expect(result.stderr).not.toMatch(/Aborted|\n\s+at /);
        expect(result.stdout).toBe('');
      }
      expect(fs.readFileSync(keyFile, 'utf8')).toBe(keyBefore); // rotate-key left the key alone
    } finally {
      holder.kill('SIGKILL');
      await once(holder, 'exit');
    }
    // The holder died without releasing: its lock is stale and the next command takes it over.
    const result = await runCli(['create-account', '--email', uniqueEmail('cli-after'), '--password', password, '--json'], { DATA_DIR: dataDir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(fs.existsSync(path.join(dataDir, lockFileName))).toBe(false);
  });
});

function holdScript(dataDir: string) {
  return `
    const { openRuntime } = await import(${JSON.stringify(path.resolve('src/bootstrap.ts'))});
    const { loadConfig } = await import(${JSON.stringify(path.resolve('src/config.ts'))});
    await openRuntime(loadConfig({ DATA_DIR: ${JSON.stringify(dataDir)}, PUBLIC_URL: 'http://localhost:3000' }));
    process.stdout.write('open\\n');
    setInterval(() => {}, 1000);
  `;
}

describe('onepagepay migrate (embedded database)', () => {
  const dataDir = tempDataDir();

  it('applies the migrations on a fresh database, then says it is up to date', slow, async () => {
    const first = await runCli(['migrate'], { DATA_DIR: dataDir });
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Applied \d{4}_/);
    const second = await runCli(['migrate'], { DATA_DIR: dataDir });
    expect(second.code).toBe(0);
    expect(second.stdout.trim()).toBe('Database is up to date.');
  });
});

describe.runIf(drivers.includes('pg'))('onepagepay create-account (PostgreSQL via DATABASE_URL)', () => {
  it('creates the account in that database, keeping no key file', slow, async () => {
    const db = await createTestDatabase('pg', { migrate: false });
    const dataDir = tempDataDir();
    try {
      const email = uniqueEmail('cli-pg');
      const env = { DATABASE_URL: db.url!, ENCRYPTION_KEY: crypto.randomBytes(32).toString('base64'), DATA_DIR: dataDir };
      const result = await runCli(['create-account', '--email', email, '--password', password, '--json'], env);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const lines = result.stdout.split('\n').filter(Boolean);
      expect(lines).toHaveLength(1);
      const { accountId } = JSON.parse(lines[0]);
      expect(accountId).toMatch(/^[0-9a-f]{32}$/);

      const { rows } = await db.database.query<{ id: string; email: string; role: string }>(
        `SELECT a.id, u.email, m.role FROM accounts a JOIN memberships m ON m.account_id = a.id JOIN users u ON u.id = m.user_id WHERE a.id = $1`,
        [accountId],
      );
      expect(rows).toEqual([{ id: accountId, email, role: 'owner' }]);
      expect(fs.existsSync(path.join(dataDir, keyFileName))).toBe(false);
      expect(fs.existsSync(path.join(dataDir, 'pglite'))).toBe(false);

      const again = await runCli(['create-account', '--email', email, '--password', password, '--json'], env);
      expect(again.code).not.toBe(0);
      expect(again.stderr).toMatch(/already exists/);
    } finally {
      await db.close();
    }
  });
});
