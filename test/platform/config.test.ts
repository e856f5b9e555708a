import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

const validKey = Buffer.alloc(32, 7).toString('base64');

/** The ConfigError loadConfig throws for `env` (fails the test when it does not throw one). */
function configErrorFor(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('config defaults', () => {
  it('listens on port 3000 with the data in ./data resolved against the working directory', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.dataDir).toBe(path.resolve(process.cwd(), 'data'));
    expect(path.isAbsolute(config.dataDir)).toBe(true);
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.https).toBe(false);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.logLevel).toBe('info');
  });

  it('keeps backups 7 days, under DATA_DIR unless BACKUP_DIR says otherwise', () => {
    const config = loadConfig({ DATA_DIR: '/srv/opp' });
    expect(config.backupRetentionDays).toBe(7);
    expect(config.backupDir).toBe(path.join('/srv/opp', 'backups'));
    expect(loadConfig({ BACKUP_RETENTION_DAYS: '30', BACKUP_DIR: '/backups' })).toMatchObject({ backupRetentionDays: 30, backupDir: '/backups' });
  });

  it('drains 5 s after SIGTERM unless SHUTDOWN_DRAIN_SECONDS says otherwise', () => {
    expect(loadConfig({}).shutdownDrainSeconds).toBe(5);
    expect(loadConfig({ SHUTDOWN_DRAIN_SECONDS: '0' }).shutdownDrainSeconds).toBe(0);
  });

  it('uses stand-ins run elsewhere when all three SANDBOX_*_URL are given, in sandbox mode only', () => {
    const urls = { SANDBOX_STRIPE_URL: 'http://127.0.0.1:4001/', SANDBOX_HUBSPOT_URL: 'http://127.0.0.1:4002', SANDBOX_PAYPAL_URL: 'http://127.0.0.1:4003' };
    expect(loadConfig(urls).externalSandbox).toEqual({ stripe: 'http://127.0.0.1:4001', hubspot: 'http://127.0.0.1:4002', paypal: 'http://127.0.0.1:4003' });
    expect(loadConfig({}).externalSandbox).toBeUndefined();
    expect(() => loadConfig({ ...urls, SANDBOX: '0' })).toThrow(/SANDBOX_STRIPE_URL points at stand-ins, but sandbox mode is off/);
    expect(() => loadConfig({ SANDBOX_STRIPE_URL: urls.SANDBOX_STRIPE_URL })).toThrow(/SANDBOX_HUBSPOT_URL is required/);
  });

  it('sends email through SMTP_URL (smtp or smtps) as MAIL_FROM, an address with or without a name', () => {
    expect(loadConfig({})).toMatchObject({ smtpUrl: undefined, mailFrom: undefined });
    expect(loadConfig({ SMTP_URL: 'smtps://u:p@smtp.example.com:465', MAIL_FROM: 'Tee Shop <receipts@shop.example>' })).toMatchObject({
      smtpUrl: 'smtps://u:p@smtp.example.com:465',
      mailFrom: 'Tee Shop <receipts@shop.example>',
    });
    expect(loadConfig({ MAIL_FROM: 'receipts@shop.example' }).mailFrom).toBe('receipts@shop.example');
    expect(() => loadConfig({ SMTP_URL: 'http://smtp.example.com' })).toThrow(/SMTP_URL must use smtp: or smtps:/);
    expect(() => loadConfig({ MAIL_FROM: 'Tee Shop' })).toThrow(/MAIL_FROM must be an email address/);
    expect(() => loadConfig({ MAIL_FROM: 'a@b.example\r\nBcc: x@y.example' })).toThrow(/MAIL_FROM/);
  });

  it('backs up daily at 03:30 UTC unless BACKUP_SCHEDULE says another cron or off', () => {
    expect(loadConfig({}).backupSchedule).toBe('30 3 * * *');
    expect(loadConfig({ BACKUP_SCHEDULE: ' 0  */6 * * 1-5 ' }).backupSchedule).toBe('0 */6 * * 1-5');
    expect(loadConfig({ BACKUP_SCHEDULE: 'OFF' }).backupSchedule).toBe('off');
    expect(loadConfig({ PG_BIN_DIR: '/usr/lib/postgresql/16/bin' }).pgBinDir).toBe('/usr/lib/postgresql/16/bin');
  });

  it('resolves a relative DATA_DIR to an absolute path', () => {
    expect(loadConfig({ DATA_DIR: 'var/opp' }).dataDir).toBe(path.resolve('var/opp'));
  });

  it('uses the port in the default public URL', () => {
    expect(loadConfig({ PORT: '8080' })).toMatchObject({ port: 8080, publicUrl: 'http://localhost:8080' });
  });
});

describe('sandbox mode is explicit', () => {
  const withDatabase = { DATABASE_URL: 'postgres://app@db/opp', ENCRYPTION_KEY: validKey };

  it('is the default only for the embedded database', () => {
    expect(loadConfig({})).toMatchObject({ sandbox: true, sandboxReason: expect.stringMatching(/embedded database/) });
    expect(loadConfig(withDatabase)).toMatchObject({ sandbox: false, sandboxReason: expect.stringMatching(/DATABASE_URL/) });
  });

  it('SANDBOX=1 turns it on, SANDBOX=0 always off', () => {
    expect(loadConfig({ ...withDatabase, SANDBOX: '1' }).sandbox).toBe(true);
    expect(loadConfig({ SANDBOX: '0' }).sandbox).toBe(false);
    expect(loadConfig({ ...withDatabase, SANDBOX: '0' }).sandbox).toBe(false);
  });

  it('no process-wide provider variable decides it', () => {
    expect(loadConfig({ STRIPE_SECRET_KEY: 'sk_live_x', HUBSPOT_ACCESS_TOKEN: 'pat-x', PAYPAL_CLIENT_ID: 'x' }).sandbox).toBe(true);
    expect(loadConfig({ ...withDatabase, STRIPE_SECRET_KEY: 'sk_test_x' }).sandbox).toBe(false);
  });
});

describe('https detection', () => {
  it('is on for an https PUBLIC_URL and off for http', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://pay.example.com' }).https).toBe(true);
    expect(loadConfig({ PUBLIC_URL: 'http://pay.example.com' }).https).toBe(false);
  });

  it('drops trailing slashes from PUBLIC_URL', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://pay.example.com/' }).publicUrl).toBe('https://pay.example.com');
  });
});

describe('with DATABASE_URL', () => {
  it('accepts postgres:// and postgresql:// with an ENCRYPTION_KEY', () => {
    for (const url of ['postgres://app@db:5432/opp', 'postgresql://app@db/opp']) {
      expect(loadConfig({ DATABASE_URL: url, ENCRYPTION_KEY: validKey })).toMatchObject({ databaseUrl: url, encryptionKey: validKey });
    }
  });
});

describe('a bad variable stops start-up with a ConfigError naming it', () => {
  const cases: [string, Record<string, string>, string][] = [
    ['PORT that is not a number', { PORT: 'abc' }, 'PORT'],
    ['PORT out of range', { PORT: '70000' }, 'PORT'],
    ['negative PORT', { PORT: '-1' }, 'PORT'],
    ['DATABASE_URL that is not PostgreSQL', { DATABASE_URL: 'mysql://root@db/opp', ENCRYPTION_KEY: validKey }, 'DATABASE_URL'],
    ['DATABASE_URL that is not a URL', { DATABASE_URL: 'db:5432', ENCRYPTION_KEY: validKey }, 'DATABASE_URL'],
    ['DATABASE_URL without ENCRYPTION_KEY', { DATABASE_URL: 'postgres://app@db/opp' }, 'ENCRYPTION_KEY'],
    ['DATABASE_APP_URL without DATABASE_URL', { DATABASE_APP_URL: 'postgres://request@db/opp' }, 'DATABASE_APP_URL'],
    ['DATABASE_APP_URL that is not PostgreSQL', { DATABASE_URL: 'postgres://app@db/opp', ENCRYPTION_KEY: validKey, DATABASE_APP_URL: 'mysql://x@db/opp' }, 'DATABASE_APP_URL'],
    ['unknown LOG_LEVEL', { LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    ['SANDBOX that is not a flag', { SANDBOX: 'maybe' }, 'SANDBOX'],
    ['TRUST_PROXY that is neither hops nor addresses', { TRUST_PROXY: 'sometimes' }, 'TRUST_PROXY'],
    ['TRUST_PROXY=true (any client could choose its IP)', { TRUST_PROXY: 'true' }, 'TRUST_PROXY'],
    ['TRUST_PROXY with a bad CIDR', { TRUST_PROXY: '10.0.0.0/33' }, 'TRUST_PROXY'],
    ['PUBLIC_URL that is not a URL', { PUBLIC_URL: 'not a url' }, 'PUBLIC_URL'],
    ['PUBLIC_URL that is not http(s)', { PUBLIC_URL: 'ftp://pay.example.com' }, 'PUBLIC_URL'],
    ['BACKUP_RETENTION_DAYS of zero', { BACKUP_RETENTION_DAYS: '0' }, 'BACKUP_RETENTION_DAYS'],
    ['fractional BACKUP_RETENTION_DAYS', { BACKUP_RETENTION_DAYS: '1.5' }, 'BACKUP_RETENTION_DAYS'],
    ['BACKUP_SCHEDULE with four fields', { BACKUP_SCHEDULE: '30 3 * *' }, 'BACKUP_SCHEDULE'],
    ['BACKUP_SCHEDULE in words', { BACKUP_SCHEDULE: 'daily' }, 'BACKUP_SCHEDULE'],
    ['PUBLIC_ASSET_URL that is not http(s)', { PUBLIC_ASSET_URL: 'ftp://cdn.example.net' }, 'PUBLIC_ASSET_URL'],
    ['SHUTDOWN_DRAIN_SECONDS too long', { SHUTDOWN_DRAIN_SECONDS: '301' }, 'SHUTDOWN_DRAIN_SECONDS'],
  ];

  it.each(cases)('%s', (_label, env, variable) => {
    const err = configErrorFor(env);
    expect(err.variable).toBe(variable);
    expect(err.message).toContain(variable);
  });

  it('quotes the bad value so the operator sees what was read', () => {
    expect(configErrorFor({ PORT: 'abc' }).message).toContain('"abc"');
  });
});

describe('TRUST_PROXY takes what Fastify trustProxy takes', () => {
  it.each([
    [undefined, false],
    ['0', false],
    ['1', 1],
    ['2', 2],
    ['10.0.0.0/8, 127.0.0.1', ['10.0.0.0/8', '127.0.0.1']],
    ['::1,fd00::/8', ['::1', 'fd00::/8']],
  ])('TRUST_PROXY=%s → %j', (value, expected) => {
    expect(loadConfig(value === undefined ? {} : { TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });
});
