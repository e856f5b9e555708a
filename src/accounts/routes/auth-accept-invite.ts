import crypto from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { invites, memberships, users } from '../../platform/db/schema.js';
import { enterTenant } from '../../platform/db/tenant.js';
import { AppError } from '../../platform/http/errors.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { audit } from '../audit.js';
import { hashInviteToken } from '../invite-token.js';
import { checkPasswordRules, hashPassword, verifyPassword } from '../passwords.js';
import { Password, SignedInSchema } from '../schemas.js';
import { signIn } from '../sign-in.js';

/**
 * POST /api/v1/auth/accept-invite — joins the inviting account. A new user sets a password;
 * an existing user proves theirs. Then signs in to that account (new session id).
 */
export function registerAuthAcceptInvite(app: App, ctx: AppContext) {
  app.post(
    '/api/v1/auth/accept-invite',
    {
      config: { access: 'anonymous' },
      schema: {
        tags: ['auth'],
        body: Type.Object(
          { token: Type.String({ minLength: 16, maxLength: 128 }), password: Password, name: Type.Optional(Type.String({ maxLength: 200 })) },
          { additionalProperties: false },
        ),
        response: { 200: SignedInSchema },
      },
    },
    async (request, reply) => {
      const invalid = new AppError('not_found', 'This invite link is invalid, expired or already used.');
      const [invite] = await ctx.database.db
        .select()
        .from(invites)
        .where(and(eq(invites.tokenHash, hashInviteToken(request.body.token)), isNull(invites.acceptedAt), gt(invites.expiresAt, sql`now()`)));
      if (!invite) throw invalid;
      const [existing] = await ctx.database.db.select().from(users).where(eq(sql`lower(${users.email})`, invite.email));
      if (existing) {
        if (!(await verifyPassword(existing.passwordHash, request.body.password))) {
          throw new AppError('unauthenticated', 'The password is incorrect for this email.');
        }
      } else {
        checkPasswordRules(request.body.password);
      }
      const passwordHash = existing ? null : await hashPassword(request.body.password);
      const userId = existing?.id ?? crypto.randomUUID();
      await ctx.database.db.transaction(async (tx) => {
        if (!existing) await tx.insert(users).values({ id: userId, email: invite.email, name: request.body.name ?? '', passwordHash: passwordHash! });
        await enterTenant(tx, invite.accountId);
        const claimed = await tx
          .update(invites)
          .set({ acceptedAt: sql`now()` })
          .where(and(eq(invites.id, invite.id), isNull(invites.acceptedAt)))
          .returning({ id: invites.id });
        if (claimed.length === 0) throw invalid;
        await tx.insert(memberships).values({ accountId: invite.accountId, userId, role: invite.role }).onConflictDoNothing();
        await audit(tx, { accountId: invite.accountId, userId, action: 'member.joined', target: invite.email, metadata: { role: invite.role }, ip: request.ip });
      });
      return signIn(ctx, request, reply, userId, invite.accountId);
    },
  );
}
