import { Type } from '@sinclair/typebox';
import type { App, AppContext } from '../../platform/http/types.js';
import { AppError } from '../../platform/http/errors.js';
import { createAccount, normalizeEmail } from '../create-account.js';
import { takeSignupAttempt } from '../login-throttle.js';
import { checkPasswordRules } from '../passwords.js';
import { Email, Password, SignInNextSchema } from '../schemas.js';

/**
 * POST /api/v1/auth/signup — creates an account and its owner when the email is new, and answers
 * 202 "sign in next" either way: same status, body and cost (the password is hashed in both
 * cases), so it does not tell whether an email is registered. Limited per IP.
 */
export function registerAuthSignup(app: App, ctx: AppContext) {
  app.post(
    '/api/v1/auth/signup',
    {
      config: { access: 'anonymous' },
      schema: {
        tags: ['auth'],
        body: Type.Object(
          {
            email: Email,
            password: Password,
            name: Type.Optional(Type.String({ maxLength: 200 })),
            accountName: Type.Optional(Type.String({ maxLength: 200 })),
          },
          { additionalProperties: false },
        ),
        response: { 202: SignInNextSchema },
      },
    },
    async (request, reply) => {
      checkPasswordRules(request.body.password);
      await takeSignupAttempt(ctx.database, request.ip);
      try {
        await createAccount(ctx.database, { ...request.body, ip: request.ip });
      } catch (err) {
        if (!(err instanceof AppError && err.code === 'conflict')) throw err;
      }
      return reply.code(202).send({ next: 'sign_in' as const, email: normalizeEmail(request.body.email) });
    },
  );
}
