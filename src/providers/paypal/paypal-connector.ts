import { Type } from '@sinclair/typebox';
import { connectionContext } from '../../platform/crypto/rotate-secrets.js';
import { AppError } from '../../platform/http/errors.js';
import type { AppContext } from '../../platform/http/types.js';
import { ProviderError, providerErrorToAppError, type ConnectionRow, type PaymentConnector } from '../payment-provider.js';
import { PayPalApiError, PayPalClient, paypalTimeoutMs, type PayPalCredentials } from './paypal-client.js';
import type { PayPalPublicConfig, PayPalSecrets } from './paypal-connection.js';

/** The events our webhook subscribes to: the buyer's approval, each capture's outcome, refunds and reversals. */
export const webhookEventTypes = [
  'CHECKOUT.ORDER.APPROVED',
  'PAYMENT.CAPTURE.COMPLETED',
  'PAYMENT.CAPTURE.DENIED',
  'PAYMENT.CAPTURE.PENDING',
  'PAYMENT.CAPTURE.REFUNDED',
  'PAYMENT.CAPTURE.REVERSED',
] as const;

// Printable ASCII without spaces: what PayPal's ids and secrets are made of (anything else could not be sent in a header).
const credential = (description: string) => Type.String({ minLength: 1, maxLength: 255, pattern: '^[!-~]+$', description });

const CredentialsBody = Type.Object(
  {
    clientId: credential("The REST app's client id (PayPal developer dashboard → Apps & Credentials; a sandbox app for test mode, a live app for live mode)"),
    clientSecret: credential("The REST app's secret"),
  },
  { additionalProperties: false },
);

interface Webhook {
  id: string;
  url: string;
}

/** Shows which app is connected without anything secret: the client id is public (the JS SDK URL carries it). */
export const clientIdHint = (clientId: string) => (clientId.length > 12 ? `${clientId.slice(0, 6)}…${clientId.slice(-4)}` : clientId);

async function createWebhook(client: PayPalClient, url: string): Promise<Webhook> {
  const body = { url, event_types: webhookEventTypes.map((name) => ({ name })) };
  try {
    return await client.request<Webhook>('POST', '/v1/notifications/webhooks', { body });
  } catch (err) {
    if (!(err instanceof PayPalApiError) || err.issue !== 'WEBHOOK_URL_ALREADY_EXISTS') throw err;
    // This app already delivers to our URL (an earlier connection of the same app): replace that webhook with ours.
    const { webhooks } = await client.request<{ webhooks: Webhook[] }>('GET', '/v1/notifications/webhooks');
    const existing = webhooks.find((w) => w.url === url);
    if (existing) await deleteWebhook(client, existing.id);
    return client.request<Webhook>('POST', '/v1/notifications/webhooks', { body });
  }
}

/** Deletes a webhook; one already gone counts as deleted. */
async function deleteWebhook(client: PayPalClient, id: string) {
  try {
    await client.request('DELETE', `/v1/notifications/webhooks/${encodeURIComponent(id)}`);
  } catch (err) {
    if (!(err instanceof ProviderError && err.kind === 'not_found')) throw err;
  }
}

/**
 * Connecting a PayPal REST app: the client id and secret are checked with a token call, then our
 * webhook is created through PayPal's API for the events we handle (its id is what verifying a
 * delivery needs). The secret is sealed; the client id is public config (the browser needs it).
 */
export const paypalConnector: PaymentConnector = {
  credentialsBody: CredentialsBody,

  async prepare(ctx, { mode, sandbox, credentials, webhookUrl }) {
    const typed = credentials as PayPalCredentials;
    const client = new PayPalClient({ clientId: typed.clientId.trim(), clientSecret: typed.clientSecret.trim(), mode, sandbox }, ctx.sandboxUrls);
    try {
      await client.fetchToken();
    } catch (err) {
      throw providerErrorToAppError(err, 'the client id and secret');
    }
    let webhook: Webhook;
    try {
      webhook = await createWebhook(client, webhookUrl);
    } catch (err) {
      throw providerErrorToAppError(err, 'creating the webhook');
    }
    const secrets: PayPalSecrets = { clientSecret: client.target.clientSecret };
    const publicConfig: PayPalPublicConfig = { clientId: client.target.clientId, webhookId: webhook.id, webhookUrl };
    return { credentials: secrets, publicConfig: { ...publicConfig }, hint: clientIdHint(client.target.clientId), undo: () => deleteWebhook(client, webhook.id) };
  },

  auditDetails: (row) => ({ webhookId: (row.publicConfig as Partial<PayPalPublicConfig>).webhookId ?? null }),

  /** Creates a fresh REST app at the PayPal stand-in (`POST /__sandbox/paypal/apps`), as PayPal's developer dashboard would. */
  async sandboxCredentials(ctx: AppContext) {
    let res: Response;
    try {
      res = await fetch(`${ctx.sandboxUrls!.paypal}/__sandbox/paypal/apps`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'OnePagePay sandbox shop' }),
        redirect: 'error',
        signal: AbortSignal.timeout(paypalTimeoutMs),
      });
    } catch {
      throw new AppError('provider_unavailable', 'The sandbox PayPal could not be reached. Please try again in a moment.');
    }
    if (res.status !== 201) throw new AppError('provider_unavailable', `The sandbox PayPal could not create an app (HTTP ${res.status}).`);
    const app = (await res.json()) as PayPalCredentials;
    return { clientId: app.clientId, clientSecret: app.clientSecret } satisfies PayPalCredentials;
  },

  /** Deletes the connection's webhook at PayPal. */
  async release(ctx: AppContext, row: ConnectionRow) {
    const config = row.publicConfig as unknown as Partial<PayPalPublicConfig>;
    // A sandbox connection on a server no longer in sandbox mode has no stand-in left to clean up.
    if (!config.webhookId || !config.clientId || (row.sandbox && !ctx.sandboxUrls)) return;
    const secrets = JSON.parse(ctx.secretBox.open(row.credentials, connectionContext(row))) as PayPalSecrets;
    const client = new PayPalClient({ clientId: config.clientId, clientSecret: secrets.clientSecret, mode: row.mode, sandbox: row.sandbox }, ctx.sandboxUrls);
    try {
      await deleteWebhook(client, config.webhookId);
    } catch (err) {
      if (err instanceof PayPalApiError && err.status === 401) throw new ProviderError('refused', 'paypal', 'PayPal no longer accepts the client id and secret; its webhook was left at PayPal.');
      throw err;
    }
  },
};
