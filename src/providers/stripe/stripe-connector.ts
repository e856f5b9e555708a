import { Type } from '@sinclair/typebox';
import { connectionContext } from '../../platform/crypto/rotate-secrets.js';
import type { Mode } from '../../platform/db/schema.js';
import { AppError } from '../../platform/http/errors.js';
import type { AppContext } from '../../platform/http/types.js';
import { ProviderError, type ConnectionRow, type PaymentConnector } from '../payment-provider.js';
import { stripeClient, stripeTimeoutMs } from './stripe-client.js';
import type { StripeCredentials, StripePublicConfig } from './stripe-connection.js';
import { isStripeKeyRefused, stripeErrorToAppError, toProviderError } from './stripe-errors.js';
import { assertStripeKeysFor, stripeKeyHint } from './stripe-keys.js';
import { createStripeWebhookEndpoint, deleteStripeWebhookEndpoint } from './webhook-endpoint.js';

const CredentialsBody = Type.Object(
  {
    secretKey: Type.String({ minLength: 1, maxLength: 255, description: 'sk_test_… / rk_test_… (or _live_ for live mode)' }),
    publishableKey: Type.String({ minLength: 1, maxLength: 255, description: 'pk_test_… (or pk_live_…)' }),
  },
  { additionalProperties: false },
);

/** Typed keys, or a sandbox account's (then with its id). */
interface StripeKeys {
  secretKey: string;
  publishableKey: string;
  stripeAccountId?: string;
}

interface MintedAccount {
  accountId: string;
  test: { secretKey: string; publishableKey: string };
  live: { secretKey: string; publishableKey: string };
}

/**
 * Connecting a Stripe account: the key pair's shape, then the secret key against Stripe (the
 * cheapest call that proves it works and may manage webhook endpoints, what a restricted key
 * needs here), then the webhook endpoint, whose signing secret Stripe shows only now.
 */
export const stripeConnector: PaymentConnector = {
  credentialsBody: CredentialsBody,

  async prepare(ctx, { accountId, mode, sandbox, credentials, webhookUrl }) {
    const typed = credentials as StripeKeys;
    const keys = { secretKey: typed.secretKey.trim(), publishableKey: typed.publishableKey.trim() };
    assertStripeKeysFor(mode, keys);
    const client = stripeClient({ secretKey: keys.secretKey, sandbox }, ctx.sandboxUrls);
    try {
      await client.webhookEndpoints.list({ limit: 1 });
    } catch (err) {
      throw stripeErrorToAppError(err, 'the secret key');
    }
    let endpoint: Awaited<ReturnType<typeof createStripeWebhookEndpoint>>;
    try {
      endpoint = await createStripeWebhookEndpoint(client, { url: webhookUrl, accountId, mode });
    } catch (err) {
      throw stripeErrorToAppError(err, 'creating the webhook endpoint');
    }
    const undo = () => deleteStripeWebhookEndpoint(client, endpoint.id);
    if (endpoint.livemode !== (mode === 'live')) {
      await undo().catch(() => {});
      throw new AppError('unprocessable', `Stripe answered in ${endpoint.livemode ? 'live' : 'test'} mode for a ${mode}-mode key.`);
    }
    const sealed: StripeCredentials = { secretKey: keys.secretKey, webhookSecret: endpoint.secret };
    const publicConfig: StripePublicConfig = {
      publishableKey: keys.publishableKey,
      webhookEndpointId: endpoint.id,
      webhookUrl,
      stripeAccountId: typed.stripeAccountId ?? null,
      livemode: endpoint.livemode,
    };
    return { credentials: sealed, publicConfig: { ...publicConfig }, hint: stripeKeyHint(keys.secretKey), undo };
  },

  auditDetails: (row) => ({ webhookEndpointId: (row.publicConfig as Partial<StripePublicConfig>).webhookEndpointId ?? null }),

  /** Mints a fresh account at the Stripe stand-in (`POST /__sandbox/stripe/accounts`) and hands over its keys for the mode. */
  async sandboxCredentials(ctx: AppContext, mode: Mode) {
    let res: Response;
    try {
      res = await fetch(`${ctx.sandboxUrls!.stripe}/__sandbox/stripe/accounts`, { method: 'POST', redirect: 'error', signal: AbortSignal.timeout(stripeTimeoutMs) });
    } catch {
      throw new AppError('provider_unavailable', 'The sandbox Stripe could not be reached. Please try again in a moment.');
    }
    if (res.status !== 201) throw new AppError('provider_unavailable', `The sandbox Stripe could not create an account (HTTP ${res.status}).`);
    const minted = (await res.json()) as MintedAccount;
    return { ...minted[mode], stripeAccountId: minted.accountId } satisfies StripeKeys;
  },

  /** Deletes the connection's webhook endpoint (one already gone counts as deleted). */
  async release(ctx: AppContext, row: ConnectionRow) {
    const config = row.publicConfig as unknown as Partial<StripePublicConfig>;
    // A sandbox connection on a server no longer in sandbox mode has no stand-in left to clean up.
    if (!config.webhookEndpointId || (row.sandbox && !ctx.sandboxUrls)) return;
    const credentials = JSON.parse(ctx.secretBox.open(row.credentials, connectionContext(row))) as StripeCredentials;
    try {
      await deleteStripeWebhookEndpoint(stripeClient({ secretKey: credentials.secretKey, sandbox: row.sandbox }, ctx.sandboxUrls), config.webhookEndpointId);
    } catch (err) {
      if (isStripeKeyRefused(err)) throw new ProviderError('refused', 'stripe', 'Stripe no longer accepts the key; its webhook endpoint was left at Stripe.');
      throw toProviderError(err);
    }
  },
};
