import { and, eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import { connectionContext } from '../../platform/crypto/rotate-secrets.js';
import { providerConnections, type Mode } from '../../platform/db/schema.js';
import { withTenant, type Tx } from '../../platform/db/tenant.js';
import type { AppContext } from '../../platform/http/types.js';
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

/**
 * An account's Stripe connection for a mode, with its credentials opened and a ready client, or
 * null when Stripe is not connected in that mode. Pass the account id to read in a transaction of
 * its own, or `{tx, accountId}` to read inside an open tenant transaction. (Call Stripe after the transaction.)
 */
export async function loadStripeConnection(
  ctx: Pick<AppContext, 'database' | 'secretBox' | 'sandboxUrls'>,
  scope: string | { tx: Tx; accountId: string },
  mode: Mode,
): Promise<StripeConnection | null> {
  const read = async (tx: Tx, account: string) => {
    const [row] = await tx
      .select()
      .from(providerConnections)
      .where(and(eq(providerConnections.accountId, account), eq(providerConnections.mode, mode), eq(providerConnections.provider, 'stripe')))
      .limit(1);
    return row;
  };
  let row: typeof providerConnections.$inferSelect | undefined;
  if (typeof scope === 'string') row = await withTenant(ctx.database, scope, (tx) => read(tx, scope));
  else row = await read(scope.tx, scope.accountId);
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
