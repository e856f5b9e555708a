import type Stripe from 'stripe';
import { connectionContext } from '../../platform/crypto/rotate-secrets.js';
import type { Mode, providerConnections } from '../../platform/db/schema.js';
import type { AppContext } from '../../platform/http/types.js';
import { loadConnectionRow } from '../connection-rows.js';
import { stripeClient } from './stripe-client.js';
import type { StripeCredentials, StripePublicConfig } from './stripe-connection.js';

export interface StripeConnection {
  secretKey: string;
  publishableKey: string;
  webhookSecret: string;
  webhookEndpointId: string;
  sandbox: boolean;
  client: Stripe;
}

/** An account's Stripe connection for a mode, with its credentials opened and a ready client, or null when Stripe is not connected in that mode. */
export async function loadStripeConnection(ctx: Pick<AppContext, 'database' | 'secretBox' | 'sandboxUrls'>, accountId: string, mode: Mode): Promise<StripeConnection | null> {
  const row = await loadConnectionRow(ctx, accountId, mode, 'stripe');
  return row ? openStripeConnection(ctx, row) : null;
}

/** A stored Stripe connection row with its credentials opened and a ready client. */
export function openStripeConnection(ctx: Pick<AppContext, 'secretBox' | 'sandboxUrls'>, row: typeof providerConnections.$inferSelect): StripeConnection {
  const credentials = JSON.parse(ctx.secretBox.open(row.credentials, connectionContext(row))) as StripeCredentials;
  const config = row.publicConfig as unknown as StripePublicConfig;
  return {
    secretKey: credentials.secretKey,
    publishableKey: config.publishableKey,
    webhookSecret: credentials.webhookSecret,
    webhookEndpointId: config.webhookEndpointId,
    sandbox: row.sandbox,
    client: stripeClient({ secretKey: credentials.secretKey, sandbox: row.sandbox }, ctx.sandboxUrls),
  };
}
