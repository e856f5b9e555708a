import { Type } from '@sinclair/typebox';
import type { App, AppContext } from '../../platform/http/types.js';
import { normalizeEmail } from '../create-account.js';
import { takeResetAttempt } from '../login-throttle.js';
import { checkPasswordRules } from '../passwords.js';
import { completePasswordReset, requestPasswordReset } from '../password-reset.js';
import { Email, Password, SignInNextSchema } from '../schemas.js';

/**
 * POST /api/v1/auth/password-reset — "Forgot password": emails a single-use reset link when the
 * email is registered, and answers 202 "check your email" either way (limited per email and IP).
 * POST /api/v1/auth/password-reset/confirm — sets the new password with the link's token and ends
 * every session of the user; 200 "sign in next".
 */
export function registerAuthPasswordReset(app: App, ctx: AppContext) {
  app.post(
    '/api/v1/auth/password-reset',
    {
      config: { access: 'anonymous' },
      schema: {
        tags: ['auth'],
        body: Type.Object({ email: Email }, { additionalProperties: false }),
        response: { 202: Type.Object({ next: Type.Literal('check_email'), email: Type.String() }) },
      },
    },
    async (request, reply) => {
      const email = normalizeEmail(request.body.email);
      await takeResetAttempt(ctx.database, email, request.ip);
      await requestPasswordReset(ctx, email, request.log);
      return reply.code(202).send({ next: 'check_email' as const, email });
    },
  );

  app.post(
    '/api/v1/auth/password-reset/confirm',
    {
      config: { access: 'anonymous' },
      schema: {
        tags: ['auth'],
        body: Type.Object({ token: Type.String({ minLength: 20, maxLength: 100 }), password: Password }, { additionalProperties: false }),
        response: { 200: SignInNextSchema },
      },
    },
    async (request) => {
      checkPasswordRules(request.body.password);
      const email = await completePasswordReset(ctx.database, request.body.token, request.body.password);
      return { next: 'sign_in' as const, email };
    },
  );
}
