import { Type } from '@sinclair/typebox';
import { member } from '../../accounts/auth-gate.js';
import { ModeSchema } from '../../accounts/schemas.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { disconnectStripe } from '../disconnect-stripe.js';

/** DELETE /api/v1/connections/stripe/:mode — removes the webhook endpoint at Stripe and the stored keys (204 also when not connected). */
export function registerStripeDisconnect(app: App, ctx: AppContext) {
  app.delete(
    '/api/v1/connections/stripe/:mode',
    {
      config: { access: 'admin' },
      schema: { tags: ['connections'], params: Type.Object({ mode: ModeSchema }), response: { 204: Type.Null() } },
    },
    async (request, reply) => {
      const me = member(request);
      await disconnectStripe(ctx, { accountId: me.accountId, userId: me.userId, mode: request.params.mode, ip: request.ip, log: request.log });
      return reply.code(204).send(null);
    },
  );
}
