import { Type } from '@sinclair/typebox';
import { member } from '../../accounts/auth-gate.js';
import { ModeSchema } from '../../accounts/schemas.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { disconnectHubSpot } from '../disconnect-hubspot.js';

/** DELETE /api/v1/connections/hubspot/:mode — forgets the stored token(s), revoking an OAuth grant (204 also when not connected). */
export function registerHubSpotDisconnect(app: App, ctx: AppContext) {
  app.delete(
    '/api/v1/connections/hubspot/:mode',
    {
      config: { access: 'admin' },
      schema: { tags: ['connections'], params: Type.Object({ mode: ModeSchema }), response: { 204: Type.Null() } },
    },
    async (request, reply) => {
      const me = member(request);
      await disconnectHubSpot(ctx, { accountId: me.accountId, userId: me.userId, mode: request.params.mode, ip: request.ip, log: request.log });
      return reply.code(204).send(null);
    },
  );
}
