import { Type } from '@sinclair/typebox';
import type { App, AppContext } from '../../platform/http/types.js';
import { createAccount } from '../create-account.js';
import { Email, Password, SignedInSchema } from '../schemas.js';
import { signIn } from '../sign-in.js';

/** POST /api/v1/auth/signup — creates an account and its owner, and signs them in. */
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
        response: { 201: SignedInSchema },
      },
    },
    async (request, reply) => {
      const created = await createAccount(ctx.database, { ...request.body, ip: request.ip });
      const body = await signIn(ctx, request, reply, created.userId, created.accountId);
      return reply.code(201).send(body);
    },
  );
}
