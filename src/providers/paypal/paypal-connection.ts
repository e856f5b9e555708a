import { connectionContext } from '../../platform/crypto/rotate-secrets.js';
import type { AppContext } from '../../platform/http/types.js';
import type { ConnectionRow } from '../payment-provider.js';
import { PayPalClient } from './paypal-client.js';

/** What a PayPal connection keeps sealed in `provider_connections.credentials`. */
export interface PayPalSecrets {
  clientSecret: string;
}

/** What a PayPal connection keeps readable in `provider_connections.public_config` (no secret: the client id is public). */
export interface PayPalPublicConfig {
  clientId: string;
  /** Our webhook at PayPal: deliveries are verified against it. */
  webhookId: string;
  webhookUrl: string;
}

export interface OpenedPayPalConnection {
  client: PayPalClient;
  config: PayPalPublicConfig;
}

/** A stored PayPal connection row with its secret opened and a ready client (refused for a sandbox row outside sandbox mode). */
export function openPayPalConnection(ctx: Pick<AppContext, 'secretBox' | 'sandboxUrls'>, row: ConnectionRow): OpenedPayPalConnection {
  const secrets = JSON.parse(ctx.secretBox.open(row.credentials, connectionContext(row))) as PayPalSecrets;
  const config = row.publicConfig as unknown as PayPalPublicConfig;
  return { client: new PayPalClient({ clientId: config.clientId, clientSecret: secrets.clientSecret, mode: row.mode, sandbox: row.sandbox }, ctx.sandboxUrls), config };
}
