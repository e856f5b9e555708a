import { Type } from '@sinclair/typebox';
import { member } from '../../accounts/auth-gate.js';
import { ModeSchema, NoBody } from '../../accounts/schemas.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { connectSandboxStripe } from '../connect-sandbox-stripe.js';
import { ConnectionStateSchema } from '../schemas.js';

/** POST /api/v1/connections/stripe/:mode/sandbox — one step: a fresh sandbox Stripe account, connected (sandbox mode only). */
export function registerStripeConnectSandbox(app: App, ctx: AppContext) {
  app.post(
    '/api/v1/connections/stripe/:mode/sandbox',
    {
      config: { access: 'admin' },
      schema: { tags: ['connections'], params: Type.Object({ mode: ModeSchema }), body: NoBody, response: { 201: ConnectionStateSchema } },
    },
    async (request, reply) => {
      const me = member(request);
      const state = await connectSandboxStripe(ctx, { accountId: me.accountId, userId: me.userId, mode: request.params.mode, ip: request.ip, log: request.log });
      return reply.code(201).send(state);
    },
  );
}
