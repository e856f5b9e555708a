import { sql } from 'drizzle-orm';
import type { Config } from '../config.js';
import type { Database } from '../platform/db/connect.js';
import { rowsOf } from '../platform/db/result-rows.js';
import type { Tx } from '../platform/db/tenant.js';
import { AppError } from '../platform/http/errors.js';

/**
 * Card-testing limits of the public payment API, decided in Postgres (every instance sees the same
 * counts). New payments are counted per IP; unfinished and failed ones per account and per IP;
 * declines per IP, and a burst of declines blocks that IP from creating payments for a while.
 */
export interface CheckoutLimits {
  windowMinutes: number;
  paymentsPerIp: number;
  paymentsPerAccount: number;
  declinesPerIp: number;
  declineBlockMinutes: number;
  /** Calls to `complete` per IP per window (each may read the provider). */
  completesPerIp: number;
}

export const defaultCheckoutLimits: CheckoutLimits = {
  windowMinutes: 10,
  paymentsPerIp: 20,
  paymentsPerAccount: 1000,
  declinesPerIp: 5,
  declineBlockMinutes: 60,
  completesPerIp: 60,
};

/** The checkout's limits: the environment's (config.ts, CHECKOUT_*) over these defaults. */
export function checkoutLimitsOf(config: Pick<Config, 'checkoutLimits'>): CheckoutLimits {
  const env = config.checkoutLimits;
  return {
    ...defaultCheckoutLimits,
    paymentsPerIp: env.paymentsPerIp ?? defaultCheckoutLimits.paymentsPerIp,
    paymentsPerAccount: env.paymentsPerAccount ?? defaultCheckoutLimits.paymentsPerAccount,
    declinesPerIp: env.declinesPerIp ?? defaultCheckoutLimits.declinesPerIp,
    completesPerIp: env.completesPerIp ?? defaultCheckoutLimits.completesPerIp,
  };
}

const keys = {
  paymentsIp: (ip: string) => `payments:ip:${ip}`,
  declinesIp: (ip: string) => `declines:ip:${ip}`,
  completesIp: (ip: string) => `completes:ip:${ip}`,
};

const tooMany = (seconds: number, what: string) =>
  new AppError('rate_limited', `${what} Please try again in ${Math.max(1, Math.ceil(seconds / 60))} minute(s).`, { retryAfterSeconds: seconds });

/**
 * Decides and counts a new payment (never a replay of a known idempotency key) inside the tenant
 * transaction that stores it, so N concurrent requests never pass more than a limit:
 * - the IP's counter is taken in one statement under its row lock, held until the payment commits:
 *   payments from one IP then decide one at a time;
 * - an IP may have at most `declinesPerIp` payments at this merchant that are unfinished or were
 *   declined in the window (a card tester cannot open many payments and decline them all at once),
 *   and none while it is blocked for declines;
 * - the account may have at most `paymentsPerAccount` unfinished and failed payments of the window,
 *   the new one included, not counting buyers who paid: a flood of abandoned payments must come
 *   from many IPs (each capped as above) before real buyers are refused. This one is decided at
 *   the transaction's COMMIT, under a per-account lock, by the database
 *   (migrations/0020_checkout_account_limit_at_commit.sql): here it is only named for the
 *   transaction, and a refusal surfaces from the commit (`accountLimitRefusal`).
 */
export async function reserveNewPayment(tx: Tx, limits: CheckoutLimits, input: { ip: string; accountId: string }) {
  const ipKey = keys.paymentsIp(input.ip);
  if (!(await takeOne(tx, ipKey, limits.paymentsPerIp, limits.windowMinutes))) {
    throw tooMany(await secondsLeft(tx, ipKey, limits), 'Too many payment attempts from this network.');
  }

  const [ipState] = rowsOf<{ blocked_seconds: number | null; declines: number; open: number }>(
    await tx.execute(sql`
      SELECT (SELECT ceil(extract(epoch FROM blocked_until - now()))::int FROM checkout_throttle
               WHERE key = ${keys.declinesIp(input.ip)} AND blocked_until > now()) AS blocked_seconds,
             coalesce((SELECT count FROM checkout_throttle
               WHERE key = ${keys.declinesIp(input.ip)} AND window_started_at > now() - make_interval(mins => ${limits.windowMinutes})), 0)::int AS declines,
             (SELECT count(*) FROM transactions
               WHERE account_id = ${input.accountId} AND client_ip = ${input.ip} AND status IN ('pending', 'requires_action')
                 AND created_at > now() - make_interval(mins => ${limits.windowMinutes}))::int AS open,
             set_config('app.checkout_account_limit', ${`${limits.paymentsPerAccount}:${limits.windowMinutes}`}, true) AS account_limit`),
  );
  if (ipState!.blocked_seconds) throw tooMany(ipState!.blocked_seconds, 'Too many declined payments from this network.');
  if (ipState!.declines + ipState!.open >= limits.declinesPerIp) {
    throw tooMany(limits.windowMinutes * 60, 'Too many unfinished or declined payments from this network.');
  }
}

/** The SQLSTATE the database's per-account check raises at COMMIT (migration 0020). */
const accountLimitSqlState = 'OP429';

/** The answer for a payment the per-account limit refused at its commit; undefined for any other error. */
export function accountLimitRefusal(err: unknown, limits: CheckoutLimits): AppError | undefined {
  // The driver's error, or drizzle's wrapping it.
  const { code, cause } = (err ?? {}) as { code?: unknown; cause?: { code?: unknown } };
  return code === accountLimitSqlState || cause?.code === accountLimitSqlState ? tooMany(limits.windowMinutes * 60, 'This merchant is receiving too many payment attempts.') : undefined;
}

/** Counts one on a windowed counter unless it is at its limit, in one statement under the row's lock. */
async function takeOne(executor: Tx | Database['db'], key: string, limit: number, windowMinutes: number): Promise<boolean> {
  const taken = await executor.execute(sql`
    INSERT INTO checkout_throttle AS t (key, count, window_started_at) VALUES (${key}, 1, now())
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN t.window_started_at < now() - make_interval(mins => ${windowMinutes}) THEN 1 ELSE t.count + 1 END,
      window_started_at = CASE WHEN t.window_started_at < now() - make_interval(mins => ${windowMinutes}) THEN now() ELSE t.window_started_at END
    WHERE t.window_started_at < now() - make_interval(mins => ${windowMinutes}) OR t.count < ${limit}
    RETURNING count`);
  return rowsOf(taken).length > 0;
}

/** `complete` calls per IP: each may read the provider on the merchant's key. */
export async function takeCompleteAttempt(database: Database, limits: CheckoutLimits, ip: string): Promise<void> {
  const key = keys.completesIp(ip);
  if (!(await takeOne(database.db, key, limits.completesPerIp, limits.windowMinutes))) {
    throw tooMany(await secondsLeft(database.db, key, limits), 'Too many payment status checks from this network.');
  }
}

async function secondsLeft(tx: Tx | Database['db'], key: string, limits: CheckoutLimits): Promise<number> {
  const [row] = rowsOf<{ seconds: number }>(
    await tx.execute(sql`SELECT greatest(1, ceil(extract(epoch FROM window_started_at + make_interval(mins => ${limits.windowMinutes}) - now())))::int AS seconds
                           FROM checkout_throttle WHERE key = ${key}`),
  );
  return row?.seconds ?? limits.windowMinutes * 60;
}

async function bump(database: Database, keys: string[], windowMinutes: number, blockAt?: { limit: number; minutes: number }): Promise<boolean> {
  const { rows } = await database.query<{ blocked: boolean }>(
    `INSERT INTO checkout_throttle (key, count, window_started_at) SELECT unnest($1::text[]), 1, now()
     ON CONFLICT (key) DO UPDATE SET
       count = CASE WHEN checkout_throttle.window_started_at < now() - make_interval(mins => $2) THEN 1 ELSE checkout_throttle.count + 1 END,
       window_started_at = CASE WHEN checkout_throttle.window_started_at < now() - make_interval(mins => $2) THEN now() ELSE checkout_throttle.window_started_at END,
       blocked_until = CASE WHEN $3::int IS NOT NULL AND checkout_throttle.window_started_at >= now() - make_interval(mins => $2)
                             AND checkout_throttle.count + 1 >= $3::int
                        THEN now() + make_interval(mins => $4::int) ELSE checkout_throttle.blocked_until END
     RETURNING coalesce(blocked_until > now(), false) AS blocked`,
    [keys, windowMinutes, blockAt?.limit ?? null, blockAt?.minutes ?? null],
  );
  return rows.some((r) => r.blocked);
}

/** Counts a decline against the IP that created the payment; at the limit the IP is blocked. Returns whether it is blocked now. */
export async function recordDecline(database: Database, limits: CheckoutLimits, ip: string): Promise<boolean> {
  return bump(database, [keys.declinesIp(ip)], limits.windowMinutes, { limit: limits.declinesPerIp, minutes: limits.declineBlockMinutes });
}

/** Forgets counters whose window ended and that block nothing (housekeeping): they count for nothing any more. */
export async function deleteSpentCheckoutThrottles(database: Database, limits: CheckoutLimits) {
  await database.query(
    `DELETE FROM checkout_throttle
      WHERE window_started_at < now() - make_interval(mins => $1::int) AND (blocked_until IS NULL OR blocked_until <= now())`,
    [limits.windowMinutes],
  );
}
