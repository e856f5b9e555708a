import { Type } from '@sinclair/typebox';
import { member } from '../../accounts/auth-gate.js';
import { ModeSchema } from '../../accounts/schemas.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { connectHubSpot } from '../connect-hubspot.js';
import { ConnectionStateSchema } from '../schemas.js';

/**
 * PUT /api/v1/connections/hubspot/:mode — connects HubSpot in a mode with a private app's access
 * token (checked against HubSpot first); reconnecting replaces the stored token.
 */
export function registerHubSpotConnect(app: App, ctx: AppContext) {
  app.put(
    '/api/v1/connections/hubspot/:mode',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['connections'],
        params: Type.Object({ mode: ModeSchema }),
        body: Type.Object(
          { accessToken: Type.String({ minLength: 1, maxLength: 500, pattern: '^[\\x21-\\x7e]+$', description: "The private app's access token (pat-…): printable ASCII" }) },
          { additionalProperties: false },
        ),
        response: { 200: ConnectionStateSchema },
      },
    },
    async (request) => {
      const me = member(request);
      return connectHubSpot(ctx, {
        accountId: me.accountId,
        userId: me.userId,
        mode: request.params.mode,
        credentials: { authType: 'private_app', accessToken: request.body.accessToken.trim() },
        // In sandbox mode every provider is the stand-in; otherwise only api.hubapi.com.
        sandbox: ctx.sandboxUrls !== undefined,
        ip: request.ip,
        log: request.log,
      });
    },
  );
}
