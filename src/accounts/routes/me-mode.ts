import { Type } from '@sinclair/typebox';
import type { App, AppContext } from '../../platform/http/types.js';
import { member } from '../auth-gate.js';
import { loadMe } from '../load-me.js';
import { MeSchema, ModeSchema } from '../schemas.js';
import { setSessionMode } from '../sessions.js';

/** PUT /api/v1/me/mode — switches the dashboard between test and live data. */
export function registerMeMode(app: App, ctx: AppContext) {
  app.put(
    '/api/v1/me/mode',
    {
      config: { access: 'viewer' },
      schema: { tags: ['me'], body: Type.Object({ mode: ModeSchema }, { additionalProperties: false }), response: { 200: MeSchema } },
    },
    async (request) => {
      const me = member(request);
      await setSessionMode(ctx.database, me.sessionIdHash, request.body.mode);
      return loadMe(ctx, me.userId, me.accountId, request.body.mode);
    },
  );
}
