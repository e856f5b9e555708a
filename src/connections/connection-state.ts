import { Type, type Static } from '@sinclair/typebox';
import { ModeSchema } from '../accounts/schemas.js';
import type { providerConnections } from '../platform/db/schema.js';
import type { HubSpotPublicConfig } from '../providers/hubspot/hubspot-connection.js';

export const providers = ['stripe', 'hubspot', 'paypal'] as const;
export type Provider = (typeof providers)[number];

/** What the API shows of a connection: never a secret, only a masked hint and public keys. */
export const ConnectionStateSchema = Type.Object({
  provider: Type.Union(providers.map((p) => Type.Literal(p))),
  mode: ModeSchema,
  connected: Type.Boolean(),
  sandbox: Type.Boolean(),
  hint: Type.Union([Type.String(), Type.Null()], { description: 'A masked hint of the secret key, e.g. sk_test_…4242' }),
  publishableKey: Type.Union([Type.String(), Type.Null()]),
  hubspot: Type.Union([
    Type.Object({
      portalId: Type.String({ description: 'The HubSpot account (hub id)' }),
      hubDomain: Type.Union([Type.String(), Type.Null()]),
      authType: Type.Union([Type.Literal('private_app'), Type.Literal('oauth')]),
    }),
    Type.Null(),
  ]),
  createdAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  updatedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type ConnectionState = Static<typeof ConnectionStateSchema>;

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
    hubspot: hubspot && { portalId: hubspot.portalId, hubDomain: hubspot.hubDomain, authType: hubspot.authType },
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function notConnected(provider: Provider, mode: ConnectionState['mode']): ConnectionState {
  return { provider, mode, connected: false, sandbox: false, hint: null, publishableKey: null, hubspot: null, createdAt: null, updatedAt: null };
}
