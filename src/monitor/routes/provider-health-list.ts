import { member } from '../../accounts/auth-gate.js';
import { withTenant } from '../../platform/db/tenant.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { listProviderHealth } from '../provider-health.js';
import { ProviderHealthListSchema } from '../schemas.js';

/** GET /api/v1/provider-health — the latest check of each of the account's provider connections, and provider reachability. */
export function registerProviderHealthList(app: App, ctx: AppContext) {
  app.get(
    '/api/v1/provider-health',
    { config: { access: 'viewer' }, schema: { tags: ['monitoring'], response: { 200: ProviderHealthListSchema } } },
    async (request) => {
      const me = member(request);
      return withTenant(ctx.database, me.accountId, (tx) => listProviderHealth(tx, ctx, me.accountId));
    },
  );
}
