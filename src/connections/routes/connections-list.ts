import { Type } from '@sinclair/typebox';
import { eq } from 'drizzle-orm';
import { member } from '../../accounts/auth-gate.js';
import { modes, providerConnections } from '../../platform/db/schema.js';
import { withTenant } from '../../platform/db/tenant.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { connectionState, notConnected } from '../connection-state.js';
import { ConnectionStateSchema, providers } from '../schemas.js';
import { portalUsage } from '../../sync/portal-usage.js';

/** GET /api/v1/connections — every provider's connection state in both modes (hints and public keys only). */
export function registerConnectionsList(app: App, ctx: AppContext) {
  app.get(
    '/api/v1/connections',
    { config: { access: 'viewer' }, schema: { tags: ['connections'], response: { 200: Type.Object({ data: Type.Array(ConnectionStateSchema) }) } } },
    async (request) => {
      const me = member(request);
      // The sealed credentials are never even read here.
      const rows = await withTenant(ctx.database, me.accountId, (tx) =>
        tx
          .select({
            provider: providerConnections.provider,
            mode: providerConnections.mode,
            sandbox: providerConnections.sandbox,
            hint: providerConnections.hint,
            publicConfig: providerConnections.publicConfig,
            createdAt: providerConnections.createdAt,
            updatedAt: providerConnections.updatedAt,
          })
          .from(providerConnections)
          .where(eq(providerConnections.accountId, me.accountId)),
      );
      const data = providers.flatMap((provider) =>
        modes.map((mode) => {
          const row = rows.find((r) => r.provider === provider && r.mode === mode);
          return row ? connectionState(row) : notConnected(provider, mode);
        }),
      );
      // A HubSpot portal's usage of its rate limits, as the sync counts it (the portal is this account's own connection's).
      for (const state of data) if (state.hubspot) state.hubspot.usage = await portalUsage(ctx, state.hubspot.portalId, state.hubspot.authType);
      return { data };
    },
  );
}
