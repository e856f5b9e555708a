import type { App, AppContext } from '../../platform/http/types.js';
import { member } from '../auth-gate.js';
import { loadMe } from '../load-me.js';
import { MeSchema } from '../schemas.js';

/** GET /api/v1/me — the signed-in user, account, role and mode. */
export function registerMeGet(app: App, ctx: AppContext) {
  app.get('/api/v1/me', { config: { access: 'viewer' }, schema: { tags: ['me'], response: { 200: MeSchema } } }, async (request) => {
    const me = member(request);
    return loadMe(ctx, me.userId, me.accountId, me.mode);
  });
}
