import crypto from 'node:crypto';
import { and, eq, gt, sql } from 'drizzle-orm';
import type { Database } from '../platform/db/connect.js';
import { sessions, type Mode } from '../platform/db/schema.js';

export interface SessionPolicy {
  idleMinutes: number;
  absoluteHours: number;
}

export interface SessionRow {
  idHash: string;
  userId: string | null;
  accountId: string | null;
  mode: Mode;
  csrfToken: string;
  lastSeenAt: Date;
  expiresAt: Date;
}

export const hashSessionId = (id: string) => crypto.createHash('sha256').update(id).digest('hex');
const randomToken = () => crypto.randomBytes(32).toString('base64url');

/** Anonymous sessions only carry a CSRF token for login/signup: they expire sooner. */
const anonymousIdleMinutes = 30;

/** Creates a session and returns the cookie value (the raw id is never stored). */
export async function createSession(
  database: Database,
  policy: SessionPolicy,
  owner: { userId: string; accountId: string | null; mode?: Mode } | null,
): Promise<{ id: string; row: SessionRow }> {
  const id = randomToken();
  const now = Date.now();
  const [row] = await database.db
    .insert(sessions)
    .values({
      idHash: hashSessionId(id),
      userId: owner?.userId ?? null,
      accountId: owner?.accountId ?? null,
      mode: owner?.mode ?? 'test',
      csrfToken: randomToken(),
      expiresAt: new Date(now + (owner ? policy.absoluteHours * 3_600_000 : anonymousIdleMinutes * 60_000)),
    })
    .returning();
  return { id, row: row as SessionRow };
}

/** The live session for a cookie value, or null when unknown, revoked, idle too long or past its absolute expiry. */
export async function findSession(database: Database, policy: SessionPolicy, id: string | undefined): Promise<SessionRow | null> {
  if (!id || id.length > 128) return null;
  const idHash = hashSessionId(id);
  const [row] = await database.db
    .select()
    .from(sessions)
    .where(and(eq(sessions.idHash, idHash), gt(sessions.expiresAt, sql`now()`)))
    .limit(1);
  if (!row) return null;
  const idleMs = (row.userId ? policy.idleMinutes : anonymousIdleMinutes) * 60_000;
  if (Date.now() - row.lastSeenAt.getTime() > idleMs) {
    await revokeSession(database, idHash);
    return null;
  }
  // Touch at most once a minute: idle expiry needs no finer grain, and it saves a write per request.
  if (Date.now() - row.lastSeenAt.getTime() > 60_000) {
    await database.db.update(sessions).set({ lastSeenAt: sql`now()` }).where(eq(sessions.idHash, idHash));
  }
  return row as SessionRow;
}

export async function revokeSession(database: Database, idHash: string) {
  await database.db.delete(sessions).where(eq(sessions.idHash, idHash));
}

/** Ends every session of a user, in one account or all (role change, removal). */
export async function revokeUserSessions(database: Database, userId: string, accountId?: string) {
  await database.db
    .delete(sessions)
    .where(accountId ? and(eq(sessions.userId, userId), eq(sessions.accountId, accountId)) : eq(sessions.userId, userId));
}

/** Session fixation defence: the old id dies and a new one (with a new CSRF token) takes its place. */
export async function rotateSession(
  database: Database,
  policy: SessionPolicy,
  oldIdHash: string | null,
  owner: { userId: string; accountId: string | null; mode?: Mode },
) {
  if (oldIdHash) await revokeSession(database, oldIdHash);
  return createSession(database, policy, owner);
}

export async function setSessionMode(database: Database, idHash: string, mode: Mode) {
  await database.db.update(sessions).set({ mode }).where(eq(sessions.idHash, idHash));
}

export async function deleteExpiredSessions(database: Database) {
  await database.db.delete(sessions).where(sql`${sessions.expiresAt} <= now()`);
}
