import { sql } from 'drizzle-orm';
import type { Database } from '../platform/db/connect.js';
import { AppError } from '../platform/http/errors.js';

/** Failed sign-ins allowed per window before the key is locked for the same window. */
export const throttlePolicy = { windowMinutes: 15, perEmail: 5, perIp: 30 };

const keysFor = (email: string, ip: string) => [
  { key: `email:${email.toLowerCase()}`, limit: throttlePolicy.perEmail },
  { key: `ip:${ip}`, limit: throttlePolicy.perIp },
];

/** Refuses a sign-in while its email or its IP is locked; the message is the same whether the email exists or not. */
export async function assertLoginAllowed(database: Database, email: string, ip: string) {
  const keys = keysFor(email, ip).map((k) => k.key);
  const { rows } = await database.query<{ seconds: number }>(
    `SELECT ceil(extract(epoch FROM max(locked_until) - now()))::int AS seconds FROM login_throttle WHERE key = ANY($1) AND locked_until > now()`,
    [keys],
  );
  const seconds = rows[0]?.seconds;
  if (seconds) {
    throw new AppError('rate_limited', `Too many sign-in attempts. Try again in ${Math.ceil(seconds / 60)} minute(s).`, { retryAfterSeconds: seconds });
  }
}

export async function recordLoginFailure(database: Database, email: string, ip: string) {
  for (const { key, limit } of keysFor(email, ip)) {
    await database.db.execute(sql`
      INSERT INTO login_throttle (key, failures, window_started_at) VALUES (${key}, 1, now())
      ON CONFLICT (key) DO UPDATE SET
        failures = CASE WHEN login_throttle.window_started_at < now() - make_interval(mins => ${throttlePolicy.windowMinutes})
                        THEN 1 ELSE login_throttle.failures + 1 END,
        window_started_at = CASE WHEN login_throttle.window_started_at < now() - make_interval(mins => ${throttlePolicy.windowMinutes})
                        THEN now() ELSE login_throttle.window_started_at END,
        locked_until = CASE WHEN login_throttle.window_started_at >= now() - make_interval(mins => ${throttlePolicy.windowMinutes})
                             AND login_throttle.failures + 1 >= ${limit}
                        THEN now() + make_interval(mins => ${throttlePolicy.windowMinutes}) ELSE login_throttle.locked_until END`);
  }
}

export async function clearLoginFailures(database: Database, email: string) {
  await database.db.execute(sql`DELETE FROM login_throttle WHERE key = ${`email:${email.toLowerCase()}`}`);
}

/** Forgets keys whose window ended and that are not locked (housekeeping): they count for nothing any more. */
export async function deleteSpentLoginThrottles(database: Database) {
  await database.query(
    `DELETE FROM login_throttle
      WHERE window_started_at < now() - make_interval(mins => $1::int) AND (locked_until IS NULL OR locked_until <= now())`,
    [throttlePolicy.windowMinutes],
  );
}
