import { Type } from '@sinclair/typebox';
import type { App, AppContext } from '../../platform/http/types.js';
import { createSession } from '../sessions.js';
import { setSessionCookie } from '../session-cookie.js';

/** GET /api/v1/auth/csrf — the CSRF token of the current session; starts an anonymous session if there is none. */
export function registerAuthCsrf(app: App, ctx: AppContext) {
  app.get(
    '/api/v1/auth/csrf',
    {
      config: { access: 'anonymous' },
      schema: { tags: ['auth'], response: { 200: Type.Object({ csrfToken: Type.String() }) } },
    },
    async (request, reply) => {
      if (request.auth) return { csrfToken: request.auth.csrfToken };
      const { id, row } = await createSession(ctx.database, ctx.config.session, null);
      setSessionCookie(reply, ctx.config.https, id, 30 * 60);
      return { csrfToken: row.csrfToken };
    },
  );
}
