import crypto from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { passwordResets, users } from '../platform/db/schema.js';
import { AppError } from '../platform/http/errors.js';
import type { AppContext } from '../platform/http/types.js';
import { mailerOf } from '../platform/mail/mailer.js';
import { escapeHtml } from '../platform/text/escape-html.js';
import { normalizeEmail } from './create-account.js';
import { hashPassword } from './passwords.js';
import { revokeUserSessions } from './sessions.js';

/** A reset link works this long, once. */
export const resetValidMinutes = 60;

const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');
export const resetUrl = (publicUrl: string, token: string) => `${publicUrl}/reset-password#${token}`;

/**
 * Starts a password reset: when the email belongs to a user, a single-use link (a random token, of
 * which only the hash is kept) is emailed to it. The caller answers the same either way, and the
 * email is sent after the answer, so neither the answer nor its timing tells whether the email is
 * registered. Without email (no SMTP_URL) nothing can be sent: the link is not made.
 */
export async function requestPasswordReset(ctx: Pick<AppContext, 'database' | 'config' | 'sandboxUrls'>, rawEmail: string, log?: FastifyBaseLogger): Promise<void> {
  const mailer = mailerOf(ctx);
  if (!mailer) return;
  const email = normalizeEmail(rawEmail);
  const [user] = await ctx.database.db.select({ id: users.id, email: users.email }).from(users).where(eq(users.email, email));
  if (!user) return;
  const token = crypto.randomBytes(32).toString('base64url');
  await ctx.database.db.insert(passwordResets).values({ tokenHash: hashToken(token), userId: user.id, expiresAt: new Date(Date.now() + resetValidMinutes * 60_000) });
  const link = resetUrl(ctx.config.publicUrl, token);
  mailer.sendLater(
    {
      to: user.email,
      subject: 'Reset your OnePagePay password',
      text: `Someone (hopefully you) asked to reset the password of your OnePagePay sign-in.\n\nChoose a new password here (the link works once, for ${resetValidMinutes} minutes):\n${link}\n\nIf it was not you, ignore this email: your password stays as it is.\n`,
      html: `<p>Someone (hopefully you) asked to reset the password of your OnePagePay sign-in.</p><p><a href="${escapeHtml(link)}">Choose a new password</a> (the link works once, for ${resetValidMinutes} minutes).</p><p>If it was not you, ignore this email: your password stays as it is.</p>`,
    },
    log,
  );
}

/**
 * Sets a new password with a reset link's token: valid once, before it expires. Every session of
 * the user ends (a stolen session dies with the old password), and every other open link of theirs
 * is spent. Returns the user's email (the dashboard signs in next).
 */
export async function completePasswordReset(database: AppContext['database'], token: string, password: string): Promise<string> {
  const passwordHash = await hashPassword(password);
  const userId = await database.db.transaction(async (tx) => {
    const [used] = await tx
      .update(passwordResets)
      .set({ usedAt: sql`now()` })
      .where(and(eq(passwordResets.tokenHash, hashToken(token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, sql`now()`)))
      .returning({ userId: passwordResets.userId });
    if (!used) return null;
    await tx.update(users).set({ passwordHash }).where(eq(users.id, used.userId));
    await tx.update(passwordResets).set({ usedAt: sql`now()` }).where(and(eq(passwordResets.userId, used.userId), isNull(passwordResets.usedAt)));
    return used.userId;
  });
  if (!userId) throw new AppError('validation_failed', 'This reset link is invalid, was used already or has expired. Ask for a new one.');
  await revokeUserSessions(database, userId);
  const [user] = await database.db.select({ email: users.email }).from(users).where(eq(users.id, userId));
  return user!.email;
}

/** Reset links that expired or were used more than a day ago mean nothing any more (housekeeping). */
export async function deleteSpentPasswordResets(database: AppContext['database']) {
  await database.query(`DELETE FROM password_resets WHERE expires_at < now() - interval '1 day'`);
}
