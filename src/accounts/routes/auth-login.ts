import { Type } from '@sinclair/typebox';
import { eq, sql } from 'drizzle-orm';
import { users } from '../../platform/db/schema.js';
import { AppError } from '../../platform/http/errors.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { normalizeEmail } from '../create-account.js';
import { defaultAccountOf } from '../load-me.js';
import { beginPasswordCheck, passwordCheckFailed, passwordCheckSucceeded } from '../login-throttle.js';
import { verifyPassword } from '../passwords.js';
import { Email, Password, SignedInSchema } from '../schemas.js';
import { signIn } from '../sign-in.js';

/** POST /api/v1/auth/login — one message for every failure, so it tells nobody which emails exist. */
export function registerAuthLogin(app: App, ctx: AppContext) {
  app.post(
    '/api/v1/auth/login',
    {
      config: { access: 'anonymous' },
      schema: {
        tags: ['auth'],
        body: Type.Object({ email: Email, password: Password }, { additionalProperties: false }),
        response: { 200: SignedInSchema },
      },
    },
    async (request, reply) => {
      const email = normalizeEmail(request.body.email);
      await beginPasswordCheck(ctx.database, email, request.ip);
      const [user] = await ctx.database.db
        .select({ id: users.id, passwordHash: users.passwordHash })
        .from(users)
        .where(eq(sql`lower(${users.email})`, email))
        .limit(1);
      const ok = await verifyPassword(user?.passwordHash ?? null, request.body.password);
      const accountId = ok && user ? await defaultAccountOf(ctx.database, user.id) : null;
      if (!ok || !user || !accountId) {
        await passwordCheckFailed(ctx.database, email, request.ip);
        throw new AppError('unauthenticated', 'The email or password is incorrect.');
      }
      await passwordCheckSucceeded(ctx.database, email, request.ip);
      return signIn(ctx, request, reply, user.id, accountId);
    },
  );
}
