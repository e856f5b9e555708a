import net from 'node:net';
import path from 'node:path';

/**
 * The environment, parsed once at start. A bad or missing variable stops the process with
 * a message naming it (ConfigError); nothing falls back to a default secret.
 */
export interface Config {
  port: number;
  host: string;
  /** Where `onepagepay worker` answers GET /metrics and GET /healthz (WORKER_PORT; 0 picks a free port). */
  workerPort: number;
  publicUrl: string;
  /** True when PUBLIC_URL is https: cookies get Secure and the __Host- prefix, HSTS is sent. */
  https: boolean;
  databaseUrl?: string;
  /** DATABASE_APP_URL: the login request traffic uses on PostgreSQL (a member of onepagepay_app only). */
  appDatabaseUrl?: string;
  dataDir: string;
  /** Raw ENCRYPTION_KEY (required with DATABASE_URL; generated under DATA_DIR otherwise). */
  encryptionKey?: string;
  /**
   * Sandbox providers: SANDBOX=1 on, SANDBOX=0 off; unset, on only with the embedded database
   * (no DATABASE_URL). Merchants' real provider keys come only from the dashboard.
   */
  sandbox: boolean;
  /** Why sandbox mode is on or off, for the start banner. */
  sandboxReason: string;
  /**
   * Stand-ins already running elsewhere (`onepagepay sandbox`), shared by several `serve`
   * instances: SANDBOX_STRIPE_URL, SANDBOX_HUBSPOT_URL, SANDBOX_PAYPAL_URL. Absent: `serve` starts its own.
   */
  externalSandbox?: { stripe: string; hubspot: string; paypal: string };
  /** Seconds `serve` keeps answering (with /readyz at 503) after SIGTERM before it closes (SHUTDOWN_DRAIN_SECONDS). */
  shutdownDrainSeconds: number;
  /**
   * Fastify's `trustProxy`: false, a number of proxy hops, or the proxies' addresses/CIDRs.
   * The client IP is then the address the nearest untrusted hop saw, never a value the client wrote.
   */
  trustProxy: false | number | string[];
  sentryDsn?: string;
  /**
   * Outgoing email (receipts): SMTP_URL (`smtp://user:pass@host:587`, `smtps://…:465`) and MAIL_FROM.
   * In sandbox mode without SMTP_URL, mail goes to the sandbox's inbox; otherwise without it, email is off.
   */
  smtpUrl?: string;
  mailFrom?: string;
  /**
   * PUBLIC_ASSET_URL: where browsers load the hashed widget bundle and dashboard files from (a CDN
   * holding what `onepagepay assets DIR` copies out); absent: from this server.
   */
  publicAssetUrl?: string;
  /** SENTRY_ENVIRONMENT; by default `sandbox` in sandbox mode, `production` otherwise. */
  sentryEnvironment: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  backupDir: string;
  backupRetentionDays: number;
  /** When this instance takes the scheduled backup (BACKUP_SCHEDULE, cron in UTC), or `off` for never. */
  backupSchedule: string;
  /** Where pg_dump and pg_restore are (PG_BIN_DIR); absent: on PATH. */
  pgBinDir?: string;
  session: { idleMinutes: number; absoluteHours: number };
  /** Seconds between provider health checks (MONITOR_INTERVAL_SECONDS). */
  monitorIntervalSeconds: number;
  /** When set, GET /metrics needs `Authorization: Bearer <METRICS_TOKEN>`. */
  metricsToken?: string;
  /**
   * Card-testing limits set in the environment (CHECKOUT_*). Unset ones are absent: the checkout
   * owns its defaults (checkoutLimitsOf in src/payments/checkout-throttle.ts).
   */
  checkoutLimits: { paymentsPerIp?: number; paymentsPerAccount?: number; declinesPerIp?: number; completesPerIp?: number };
  /** The HubSpot public app used for "Connect with HubSpot" (OAuth); absent when not configured. */
  hubspotOAuth?: { clientId: string; clientSecret: string };
  /**
   * HubSpot sync pacing and retries set in the environment (HUBSPOT_RATE_LIMIT*, SYNC_*). Unset ones
   * are absent: the sync owns its defaults (syncConfigOf in src/sync/sync-config.ts).
   */
  sync: {
    rateLimitMax?: number;
    dailyLimit?: number;
    rateLimitWindowSeconds?: number;
    retryWindowHours?: number;
    backoffBaseMs?: number;
    backoffMaxMs?: number;
    workers?: number;
    pollMs?: number;
  };
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`Invalid configuration: ${variable} ${message}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function optionalInteger(env: Env, name: string, min: number, max: number): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  return optionalInteger(env, name, min, max) ?? fallback;
}

function flag(env: Env, name: string): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return false;
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(name, `must be 1 or 0 (or true/false), got "${raw}"`);
}

function url(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, `must be a URL, got "${raw}"`);
  }
  if (!protocols.includes(parsed.protocol)) throw new ConfigError(name, `must use ${protocols.join(' or ')}`);
  return raw;
}

/** MAIL_FROM: an address, optionally with a display name (`Shop <receipts@shop.example>`). */
function mailFrom(env: Env): string | undefined {
  const raw = env.MAIL_FROM?.trim();
  if (!raw) return undefined;
  const address = /<([^<>\s]+)>$/.exec(raw)?.[1] ?? raw;
  if (!/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(address) || /[\r\n]/.test(raw)) {
    throw new ConfigError('MAIL_FROM', `must be an email address, optionally with a name ("Shop <receipts@shop.example>"), got "${raw}"`);
  }
  return raw;
}

/** An http(s) base URL without its trailing slashes (paths are appended to it). */
function baseUrl(env: Env, name: string): string | undefined {
  return url(env, name, ['http:', 'https:'])?.replace(/\/+$/, '');
}

/** TRUST_PROXY: `0` (default), a number of hops (`1` behind one reverse proxy), or proxy addresses/CIDRs, comma-separated. */
function trustProxy(env: Env): Config['trustProxy'] {
  const raw = (env.TRUST_PROXY ?? '').trim();
  if (raw === '' || raw === '0' || raw.toLowerCase() === 'false') return false;
  if (/^\d+$/.test(raw)) return integer(env, 'TRUST_PROXY', 0, 0, 10);
  if (raw.toLowerCase() === 'true') {
    throw new ConfigError('TRUST_PROXY', 'must say how many proxies (e.g. 1) or which addresses to trust: "true" would let any client choose its IP with X-Forwarded-For');
  }
  const entries = raw.split(',').map((entry) => entry.trim()).filter(Boolean);
  for (const entry of entries) {
    const [address, bits, extra] = entry.split('/');
    const family = net.isIP(address ?? '');
    const maxBits = family === 6 ? 128 : 32;
    if (!family || extra !== undefined || (bits !== undefined && !(/^\d+$/.test(bits) && Number(bits) <= maxBits))) {
      throw new ConfigError('TRUST_PROXY', `must be a number of hops or IP addresses/CIDRs separated by commas, got "${entry}"`);
    }
  }
  return entries;
}

/** BACKUP_SCHEDULE: `off`, or five cron fields (minute hour day month weekday), in UTC. */
function backupSchedule(env: Env): string {
  const raw = (env.BACKUP_SCHEDULE ?? '').trim();
  if (raw === '') return '30 3 * * *';
  if (raw.toLowerCase() === 'off') return 'off';
  const fields = raw.split(/\s+/);
  if (fields.length !== 5 || !fields.every((field) => /^[\d*/,-]+$/.test(field))) {
    throw new ConfigError('BACKUP_SCHEDULE', `must be "off" or five cron fields in UTC (minute hour day month weekday, e.g. "30 3 * * *"), got "${raw}"`);
  }
  return fields.join(' ');
}

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Sandbox mode is explicit: SANDBOX decides when set; otherwise the embedded database means the demo. */
function sandboxMode(env: Env, databaseUrl: string | undefined): { sandbox: boolean; sandboxReason: string } {
  if (env.SANDBOX !== undefined && env.SANDBOX !== '') {
    const on = flag(env, 'SANDBOX');
    return { sandbox: on, sandboxReason: on ? 'SANDBOX=1' : 'SANDBOX=0' };
  }
  return databaseUrl
    ? { sandbox: false, sandboxReason: 'DATABASE_URL is set and SANDBOX is not' }
    : { sandbox: true, sandboxReason: 'embedded database and SANDBOX not set' };
}

function externalSandbox(env: Env, sandbox: boolean): Config['externalSandbox'] {
  const names = ['SANDBOX_STRIPE_URL', 'SANDBOX_HUBSPOT_URL', 'SANDBOX_PAYPAL_URL'] as const;
  const [stripe, hubspot, paypal] = names.map((name) => baseUrl(env, name));
  const given = [stripe, hubspot, paypal].filter(Boolean).length;
  if (given === 0) return undefined;
  if (given < 3) throw new ConfigError(names[[stripe, hubspot, paypal].findIndex((u) => !u)]!, 'is required with the other SANDBOX_*_URL variables (all three stand-ins, as `onepagepay sandbox` prints them)');
  if (!sandbox) throw new ConfigError('SANDBOX_STRIPE_URL', 'points at stand-ins, but sandbox mode is off (set SANDBOX=1)');
  return { stripe: stripe!, hubspot: hubspot!, paypal: paypal! };
}

function hubspotOAuthApp(env: Env): Config['hubspotOAuth'] {
  const clientId = env.HUBSPOT_CLIENT_ID || undefined;
  const clientSecret = env.HUBSPOT_CLIENT_SECRET || undefined;
  if (!clientId && !clientSecret) return undefined;
  if (!clientId) throw new ConfigError('HUBSPOT_CLIENT_ID', 'is required when HUBSPOT_CLIENT_SECRET is set');
  if (!clientSecret) throw new ConfigError('HUBSPOT_CLIENT_SECRET', 'is required when HUBSPOT_CLIENT_ID is set');
  return { clientId, clientSecret };
}

export function loadConfig(env: Env = process.env): Config {
  const port = integer(env, 'PORT', 3000, 0, 65535);
  const host = env.HOST || '0.0.0.0';
  const publicUrl = baseUrl(env, 'PUBLIC_URL') ?? `http://localhost:${port}`;
  const databaseUrl = url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  const appDatabaseUrl = url(env, 'DATABASE_APP_URL', ['postgres:', 'postgresql:']);
  if (appDatabaseUrl && !databaseUrl) throw new ConfigError('DATABASE_APP_URL', 'needs DATABASE_URL (the owner login, for migrations and system jobs)');
  const encryptionKey = env.ENCRYPTION_KEY || undefined;
  if (databaseUrl && !encryptionKey) {
    throw new ConfigError('ENCRYPTION_KEY', 'is required when DATABASE_URL is set (generate one with `openssl rand -base64 32`)');
  }
  const logLevel = (env.LOG_LEVEL || 'info') as Config['logLevel'];
  if (!logLevels.includes(logLevel)) throw new ConfigError('LOG_LEVEL', `must be one of ${logLevels.join(', ')}`);
  const dataDir = path.resolve(env.DATA_DIR || './data');
  const mode = sandboxMode(env, databaseUrl);
  return {
    port,
    host,
    workerPort: integer(env, 'WORKER_PORT', 3001, 0, 65535),
    publicUrl,
    https: publicUrl.startsWith('https:'),
    databaseUrl,
    appDatabaseUrl,
    dataDir,
    encryptionKey,
    ...mode,
    externalSandbox: externalSandbox(env, mode.sandbox),
    shutdownDrainSeconds: integer(env, 'SHUTDOWN_DRAIN_SECONDS', 5, 0, 300),
    trustProxy: trustProxy(env),
    sentryDsn: url(env, 'SENTRY_DSN', ['http:', 'https:']),
    smtpUrl: url(env, 'SMTP_URL', ['smtp:', 'smtps:']),
    mailFrom: mailFrom(env),
    publicAssetUrl: baseUrl(env, 'PUBLIC_ASSET_URL'),
    sentryEnvironment: env.SENTRY_ENVIRONMENT || (mode.sandbox ? 'sandbox' : 'production'),
    logLevel,
    backupDir: path.resolve(env.BACKUP_DIR || path.join(dataDir, 'backups')),
    backupRetentionDays: integer(env, 'BACKUP_RETENTION_DAYS', 7, 1, 3650),
    backupSchedule: backupSchedule(env),
    pgBinDir: env.PG_BIN_DIR ? path.resolve(env.PG_BIN_DIR) : undefined,
    session: {
      idleMinutes: integer(env, 'SESSION_IDLE_MINUTES', 30, 1, 7 * 24 * 60),
      absoluteHours: integer(env, 'SESSION_ABSOLUTE_HOURS', 12, 1, 24 * 30),
    },
    monitorIntervalSeconds: integer(env, 'MONITOR_INTERVAL_SECONDS', 30, 1, 3600),
    metricsToken: env.METRICS_TOKEN || undefined,
    checkoutLimits: {
      paymentsPerIp: optionalInteger(env, 'CHECKOUT_PAYMENTS_PER_IP', 1, 1_000_000),
      paymentsPerAccount: optionalInteger(env, 'CHECKOUT_PAYMENTS_PER_ACCOUNT', 1, 10_000_000),
      declinesPerIp: optionalInteger(env, 'CHECKOUT_DECLINES_PER_IP', 1, 1_000_000),
      completesPerIp: optionalInteger(env, 'CHECKOUT_COMPLETES_PER_IP', 1, 1_000_000),
    },
    hubspotOAuth: hubspotOAuthApp(env),
    sync: {
      rateLimitMax: optionalInteger(env, 'HUBSPOT_RATE_LIMIT', 1, 10_000),
      rateLimitWindowSeconds: optionalInteger(env, 'HUBSPOT_RATE_LIMIT_WINDOW_SECONDS', 1, 3600),
      dailyLimit: optionalInteger(env, 'HUBSPOT_DAILY_LIMIT', 1, 100_000_000),
      retryWindowHours: optionalInteger(env, 'SYNC_RETRY_HOURS', 72, 24 * 365),
      backoffBaseMs: optionalInteger(env, 'SYNC_RETRY_BASE_MS', 10, 300_000),
      backoffMaxMs: optionalInteger(env, 'SYNC_RETRY_MAX_MS', 10, 300_000),
      workers: optionalInteger(env, 'SYNC_WORKERS', 1, 64),
      pollMs: optionalInteger(env, 'SYNC_POLL_MS', 10, 60_000),
    },
  };
}
