/** What a Stripe connection keeps sealed in `provider_connections.credentials`. */
export interface StripeCredentials {
  secretKey: string;
  webhookSecret: string;
}

/** What a Stripe connection keeps readable in `provider_connections.public_config` (no secret). */
export interface StripePublicConfig {
  publishableKey: string;
  webhookEndpointId: string;
  webhookUrl: string;
  /** Known for sandbox accounts minted by the server; null when the merchant typed the keys. */
  stripeAccountId: string | null;
  livemode: boolean;
}
