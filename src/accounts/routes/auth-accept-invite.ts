import crypto from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { and, eq, gt, sql } from 'drizzle-orm';
import { invites, memberships, users } from '../../platform/db/schema.js';
import { enterTenant, type Tx } from '../../platform/db/tenant.js';
import { AppError } from '../../platform/http/errors.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { audit } from '../audit.js';
import { hashInviteToken } from '../invite-token.js';
import { takeSignupAttempt } from '../login-throttle.js';
import { checkPasswordRules, hashPassword } from '../passwords.js';
import { Password, SignedInSchema, SignInNextSchema } from '../schemas.js';
import { signIn } from '../sign-in.js';

type Invite = typeof invites.$inferSelect;

const invalid = () => new AppError('not_found', 'This invite link is invalid, expired or already used.');

/** Marks the invite used and makes the user a member with its role, in the caller's transaction. */
async function joinThroughInvite(tx: Tx, invite: Invite, userId: string, ip: string) {
  await enterTenant(tx, invite.accountId);
  const claimed = await tx
    .update(invites)
    .set({ acceptedAt: sql`now()` })
    .where(and(eq(invites.id, invite.id), sql`${invites.acceptedAt} IS NULL`))
    .returning({ id: invites.id });
  if (claimed.length === 0) throw invalid();
  await tx.insert(memberships).values({ accountId: invite.accountId, userId, role: invite.role }).onConflictDoNothing();
  await audit(tx, { accountId: invite.accountId, userId, action: 'member.joined', target: invite.email, metadata: { role: invite.role }, ip });
}

/**
 * POST /api/v1/auth/accept-invite — joins the inviting account.
 * - Signed in: the signed-in user joins, only when the invite was sent to their email; the
 *   session moves to that account (new session id). Returns the signed-in body.
 * - Not signed in, with a password: a user is created for the invited email when it has none,
 *   and joins. Whether or not the email already had a user, the answer is the same 202 "sign in
 *   next" (an existing user joins by signing in through the normal, throttled login and calling
 *   this again). No password of an existing user is ever checked here.
 */
export function registerAuthAcceptInvite(app: App, ctx: AppContext) {
  app.post(
    '/api/v1/auth/accept-invite',
    {
      config: { access: 'anonymous' },
      schema: {
        tags: ['auth'],
        body: Type.Object(
          { token: Type.String({ minLength: 16, maxLength: 128 }), password: Type.Optional(Password), name: Type.Optional(Type.String({ maxLength: 200 })) },
          { additionalProperties: false },
        ),
        response: { 200: SignedInSchema, 202: SignInNextSchema },
      },
    },
    async (request, reply) => {
      const [invite] = await ctx.database.db
        .select()
        .from(invites)
        .where(and(eq(invites.tokenHash, hashInviteToken(request.body.token)), gt(invites.expiresAt, sql`now()`)));
      if (!invite) throw invalid();

      const signedInUserId = request.auth?.userId;
      if (signedInUserId) {
        const [user] = await ctx.database.db.select({ email: users.email }).from(users).where(eq(users.id, signedInUserId));
        if (!user || user.email.toLowerCase() !== invite.email) {
          throw new AppError('forbidden', 'This invite was sent to another email address. Sign out, then open the link again.');
        }
        if (invite.acceptedAt === null) {
          await ctx.database.db.transaction((tx) => joinThroughInvite(tx, invite, signedInUserId, request.ip));
        } else {
          // Used already: by this user when they were created through it (then they are a member).
          const [membership] = await ctx.database.db
            .select({ role: memberships.role })
            .from(memberships)
            .where(and(eq(memberships.accountId, invite.accountId), eq(memberships.userId, signedInUserId)));
          if (!membership) throw invalid();
        }
        return signIn(ctx, request, reply, signedInUserId, invite.accountId);
      }

      if (invite.acceptedAt !== null) throw invalid();
      const { password } = request.body;
      if (password === undefined) {
        throw new AppError('validation_failed', 'Choose a password for your new sign-in, or sign in first if you already have one.');
      }
      checkPasswordRules(password);
      await takeSignupAttempt(ctx.database, request.ip);
      // Hashed whether or not the email has a user, so both cost the same time.
      const passwordHash = await hashPassword(password);
      await ctx.database.db.transaction(async (tx) => {
        const created = await tx
          .insert(users)
          .values({ id: crypto.randomUUID(), email: invite.email, name: request.body.name ?? '', passwordHash })
          .onConflictDoNothing()
          .returning({ id: users.id });
        if (created[0]) await joinThroughInvite(tx, invite, created[0].id, request.ip);
      });
      return reply.code(202).send({ next: 'sign_in' as const, email: invite.email });
    },
  );
}
