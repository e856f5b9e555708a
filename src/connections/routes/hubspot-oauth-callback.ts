import { Type } from '@sinclair/typebox';
import { member } from '../../accounts/auth-gate.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { completeHubSpotOAuth } from '../hubspot-oauth-flow.js';

/**
 * GET /api/v1/connections/hubspot/oauth/callback — where HubSpot's consent page sends the merchant's
 * browser (a top-level navigation, so the Lax session cookie comes along). Needs the session that
 * started the flow; redirects (302) to the dashboard path given at the start with the outcome.
 */
export function registerHubSpotOAuthCallback(app: App, ctx: AppContext) {
  app.get(
    '/api/v1/connections/hubspot/oauth/callback',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['connections'],
        querystring: Type.Object({
          state: Type.String({ minLength: 1, maxLength: 200 }),
          code: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
          error: Type.Optional(Type.String({ maxLength: 200 })),
        }),
        response: { 302: Type.Null() },
      },
    },
    async (request, reply) => {
      const me = member(request);
      const location = await completeHubSpotOAuth(ctx, {
        accountId: me.accountId,
        userId: me.userId,
        sessionIdHash: me.sessionIdHash,
        callback: request.query,
        ip: request.ip,
        log: request.log,
      });
      return reply.redirect(location, 302);
    },
  );
}
