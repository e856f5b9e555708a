import { Type } from '@sinclair/typebox';
import { member } from '../../accounts/auth-gate.js';
import { ModeSchema } from '../../accounts/schemas.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { returnToPattern, startHubSpotOAuth } from '../hubspot-oauth-flow.js';

/**
 * POST /api/v1/connections/hubspot/:mode/oauth — starts "Connect with HubSpot": answers the consent
 * page URL to send the browser to. HubSpot sends the merchant back to the callback route, which
 * redirects to `returnTo` (a dashboard path, default `/`).
 */
export function registerHubSpotOAuthStart(app: App, ctx: AppContext) {
  app.post(
    '/api/v1/connections/hubspot/:mode/oauth',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['connections'],
        params: Type.Object({ mode: ModeSchema }),
        body: Type.Union([
          Type.Null(),
          Type.Object(
            { returnTo: Type.Optional(Type.String({ maxLength: 300, pattern: returnToPattern, description: 'A same-origin path, e.g. /settings/connections' })) },
            { additionalProperties: false },
          ),
        ]),
        response: { 201: Type.Object({ authorizeUrl: Type.String(), expiresAt: Type.String({ format: 'date-time' }) }) },
      },
    },
    async (request, reply) => {
      const me = member(request);
      const started = await startHubSpotOAuth(ctx, {
        accountId: me.accountId,
        userId: me.userId,
        sessionIdHash: me.sessionIdHash,
        mode: request.params.mode,
        returnTo: request.body?.returnTo ?? '/',
      });
      return reply.code(201).send(started);
    },
  );
}
