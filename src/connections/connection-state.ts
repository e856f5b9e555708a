import type { providerConnections } from '../platform/db/schema.js';
import type { HubSpotPublicConfig } from '../providers/hubspot/hubspot-connection.js';
import type { ConnectionState, Provider } from './schemas.js';

type StoredConnection = Pick<typeof providerConnections.$inferSelect, 'provider' | 'mode' | 'sandbox' | 'hint' | 'publicConfig' | 'createdAt' | 'updatedAt'>;

export function connectionState(row: StoredConnection): ConnectionState {
  const publishableKey = row.provider === 'stripe' && typeof row.publicConfig.publishableKey === 'string' ? row.publicConfig.publishableKey : null;
  const hubspot = row.provider === 'hubspot' ? (row.publicConfig as unknown as HubSpotPublicConfig) : null;
  return {
    provider: row.provider,
    mode: row.mode,
    connected: true,
    sandbox: row.sandbox,
    hint: row.hint,
    publishableKey,
    hubspot: hubspot && { portalId: hubspot.portalId, hubDomain: hubspot.hubDomain, authType: hubspot.authType, currencies: hubspot.currencies ?? [] },
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function notConnected(provider: Provider, mode: ConnectionState['mode']): ConnectionState {
  return { provider, mode, connected: false, sandbox: false, hint: null, publishableKey: null, hubspot: null, createdAt: null, updatedAt: null };
}
