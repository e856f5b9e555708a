import type { Database } from '../platform/db/connect.js';
import { AppError } from '../platform/http/errors.js';

/**
 * Card-testing limits of the public payment API. Counters live in Postgres (every instance sees
 * the same counts). New payments are counted per IP and per account; declines per IP, and a burst
 * of declines blocks that IP from creating payments for a while.
 */
export interface CheckoutLimits {
  windowMinutes: number;
  paymentsPerIp: number;
  paymentsPerAccount: number;
  declinesPerIp: number;
  declineBlockMinutes: number;
}

export const defaultCheckoutLimits: CheckoutLimits = {
  windowMinutes: 10,
  paymentsPerIp: 20,
  paymentsPerAccount: 1000,
  declinesPerIp: 5,
  declineBlockMinutes: 60,
};

const keys = {
  paymentsIp: (ip: string) => `payments:ip:${ip}`,
  paymentsAccount: (accountId: string) => `payments:account:${accountId}`,
  declinesIp: (ip: string) => `declines:ip:${ip}`,
};

const tooMany = (seconds: number, what: string) =>
  new AppError('rate_limited', `${what} Please try again in ${Math.max(1, Math.ceil(seconds / 60))} minute(s).`, { retryAfterSeconds: seconds });

/** Refuses a new payment while the IP or the account is over its limit, or the IP is blocked for declines. */
export async function assertPaymentAllowed(database: Database, limits: CheckoutLimits, input: { ip: string; accountId: string }) {
  const { rows } = await database.query<{ key: string; count: number; seconds: number }>(
    `SELECT key, count,
            ceil(extract(epoch FROM greatest(coalesce(blocked_until, now()), window_started_at + make_interval(mins => $2)) - now()))::int AS seconds
       FROM checkout_throttle
      WHERE key = ANY($1) AND (blocked_until > now() OR window_started_at > now() - make_interval(mins => $2))`,
    [[keys.paymentsIp(input.ip), keys.paymentsAccount(input.accountId), keys.declinesIp(input.ip)], limits.windowMinutes],
  );
  for (const row of rows) {
    if (row.key.startsWith('declines:') && row.count >= limits.declinesPerIp) throw tooMany(row.seconds, 'Too many declined payments from this network.');
    if (row.key.startsWith('payments:ip:') && row.count >= limits.paymentsPerIp) throw tooMany(row.seconds, 'Too many payment attempts from this network.');
    if (row.key.startsWith('payments:account:') && row.count >= limits.paymentsPerAccount) throw tooMany(row.seconds, 'This merchant is receiving too many payment attempts.');
  }
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

/** Counts a new payment (not a replay of one already created) against the IP and the account. */
export async function recordPaymentCreated(database: Database, limits: CheckoutLimits, input: { ip: string; accountId: string }): Promise<void> {
  await bump(database, [keys.paymentsIp(input.ip), keys.paymentsAccount(input.accountId)], limits.windowMinutes);
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
