import { sql } from 'drizzle-orm';
import type { Database } from '../platform/db/connect.js';
import { AppError } from '../platform/http/errors.js';

/**
 * Password checks and sign-ups allowed per window before the key is locked for the same window.
 * Every password check anywhere (sign-in is the only one) goes through `beginPasswordCheck`.
 */
export const throttlePolicy = { windowMinutes: 15, perEmail: 5, perIp: 30, signupsPerIp: 10, resetsPerEmail: 3, resetsPerIp: 10 };

interface Attempt {
  key: string;
  limit: number;
}

const passwordKeys = (email: string, ip: string): Attempt[] => [
  { key: `email:${email.toLowerCase()}`, limit: throttlePolicy.perEmail },
  { key: `ip:${ip}`, limit: throttlePolicy.perIp },
];

/**
 * Takes one attempt on every key, all or none, deciding and counting in one statement per key
 * under the row's lock: N concurrent requests never get past a limit. An attempt counts until
 * it is given back (`giveBack`), so checks still in flight count as failures would.
 */
async function takeAttempts(database: Database, attempts: Attempt[], refusal: string): Promise<void> {
  const refused = await database.db.transaction(async (tx) => {
    for (const { key, limit } of attempts) {
      const taken = (await tx.execute(sqlTake(key, limit))) as unknown as { rows: unknown[] };
      if (taken.rows.length === 0) return key;
    }
    return null;
  });
  if (refused === null) return;
  const { rows } = await database.query<{ seconds: number }>(
    `SELECT greatest(1, ceil(extract(epoch FROM greatest(coalesce(locked_until, now()), window_started_at + make_interval(mins => $2)) - now())))::int AS seconds
       FROM login_throttle WHERE key = $1`,
    [refused, throttlePolicy.windowMinutes],
  );
  const seconds = rows[0]?.seconds ?? throttlePolicy.windowMinutes * 60;
  throw new AppError('rate_limited', `${refusal} Try again in ${Math.ceil(seconds / 60)} minute(s).`, { retryAfterSeconds: seconds });
}

const window = sql`make_interval(mins => ${throttlePolicy.windowMinutes})`;

function sqlTake(key: string, limit: number) {
  return sql`
    INSERT INTO login_throttle AS t (key, failures, window_started_at) VALUES (${key}, 1, now())
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN t.window_started_at < now() - ${window} THEN 1 ELSE t.failures + 1 END,
      window_started_at = CASE WHEN t.window_started_at < now() - ${window} THEN now() ELSE t.window_started_at END,
      locked_until = CASE WHEN t.locked_until > now() THEN t.locked_until END
    WHERE (t.locked_until IS NULL OR t.locked_until <= now())
      AND (t.window_started_at < now() - ${window} OR t.failures < ${limit})
    RETURNING failures`;
}

/**
 * Reserves a password check for this email and IP: refused (429) while either is locked or has as
 * many failures and checks in flight as its limit. The message is the same whether the email exists.
 */
export async function beginPasswordCheck(database: Database, email: string, ip: string): Promise<void> {
  await takeAttempts(database, passwordKeys(email, ip), 'Too many sign-in attempts.');
}

/** The reserved check failed: it stays counted, and a key at its limit is locked for the window. */
export async function passwordCheckFailed(database: Database, email: string, ip: string): Promise<void> {
  for (const { key, limit } of passwordKeys(email, ip)) {
    await database.query(
      `UPDATE login_throttle SET locked_until = now() + make_interval(mins => $3::int) WHERE key = $1 AND failures >= $2`,
      [key, limit, throttlePolicy.windowMinutes],
    );
  }
}

/** The reserved check succeeded: the email's failures are forgotten and the IP's reservation given back. */
export async function passwordCheckSucceeded(database: Database, email: string, ip: string): Promise<void> {
  const [emailKey, ipKey] = passwordKeys(email, ip);
  await database.query(`DELETE FROM login_throttle WHERE key = $1`, [emailKey!.key]);
  await database.query(`UPDATE login_throttle SET failures = greatest(failures - 1, 0) WHERE key = $1`, [ipKey!.key]);
}

/** Sign-ups and invite acceptances that create a user, per IP (each costs a password hash and a row). */
export async function takeSignupAttempt(database: Database, ip: string): Promise<void> {
  await takeAttempts(database, [{ key: `signup:ip:${ip}`, limit: throttlePolicy.signupsPerIp }], 'Too many sign-ups from this network.');
}

/** "Forgot password" requests, per email and per IP (each may send an email): the same answer whether the email exists. */
export async function takeResetAttempt(database: Database, email: string, ip: string): Promise<void> {
  await takeAttempts(
    database,
    [
      { key: `reset:email:${email.toLowerCase()}`, limit: throttlePolicy.resetsPerEmail },
      { key: `reset:ip:${ip}`, limit: throttlePolicy.resetsPerIp },
    ],
    'Too many password reset requests.',
  );
}

/** Forgets keys whose window ended and that are not locked (housekeeping): they count for nothing any more. */
export async function deleteSpentLoginThrottles(database: Database) {
  await database.query(
    `DELETE FROM login_throttle
      WHERE window_started_at < now() - make_interval(mins => $1::int) AND (locked_until IS NULL OR locked_until <= now())`,
    [throttlePolicy.windowMinutes],
  );
}
