import { Type } from '@sinclair/typebox';
import { member } from '../../accounts/auth-gate.js';
import { ModeSchema } from '../../accounts/schemas.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { connectStripe } from '../connect-stripe.js';
import { ConnectionStateSchema } from '../schemas.js';

/**
 * PUT /api/v1/connections/stripe/:mode — connects Stripe in a mode with a secret (or restricted)
 * key and a publishable key; reconnecting replaces the keys and the webhook endpoint.
 */
export function registerStripeConnect(app: App, ctx: AppContext) {
  app.put(
    '/api/v1/connections/stripe/:mode',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['connections'],
        params: Type.Object({ mode: ModeSchema }),
        body: Type.Object(
          {
            secretKey: Type.String({ minLength: 1, maxLength: 255, description: 'sk_test_… / rk_test_… (or _live_ for live mode)' }),
            publishableKey: Type.String({ minLength: 1, maxLength: 255, description: 'pk_test_… (or pk_live_…)' }),
          },
          { additionalProperties: false },
        ),
        response: { 200: ConnectionStateSchema },
      },
    },
    async (request) => {
      const me = member(request);
      return connectStripe(ctx, {
        accountId: me.accountId,
        userId: me.userId,
        mode: request.params.mode,
        secretKey: request.body.secretKey.trim(),
        publishableKey: request.body.publishableKey.trim(),
        // In sandbox mode every provider is the stand-in; otherwise only api.stripe.com.
        sandbox: ctx.sandboxUrls !== undefined,
        ip: request.ip,
        log: request.log,
      });
    },
  );
}
