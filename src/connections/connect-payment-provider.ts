import { audit } from '../accounts/audit.js';
import { connectionContext } from '../platform/crypto/rotate-secrets.js';
import type { Mode } from '../platform/db/schema.js';
import { withTenant } from '../platform/db/tenant.js';
import { AppError } from '../platform/http/errors.js';
import { isLocalHost } from '../platform/http/local-hosts.js';
import type { AppContext } from '../platform/http/types.js';
import { ProviderError, providerNames, type ConnectionRow, type PaymentProviderAdapter } from '../providers/payment-provider.js';
import { connectionState } from './connection-state.js';
import { loadConnectionRow } from '../providers/connection-rows.js';
import { removeConnection } from './remove-connection.js';
import type { ConnectionState } from './schemas.js';
import { storeConnection } from './store-connection.js';
import type { Warner } from './warner.js';

export interface ConnectionInput {
  accountId: string;
  /** The member (null for the CLI and the demo shop). */
  userId: string | null;
  mode: Mode;
  ip?: string;
  log?: Warner;
}

/** Where a provider delivers an account's events (DESIGN.md contract; Stripe's is /api/webhooks/stripe/{accountId}). */
export const webhookUrl = (publicUrl: string, provider: string, accountId: string) => `${publicUrl}/api/webhooks/${provider}/${accountId}`;

/**
 * A real provider delivers payment events to PUBLIC_URL: it refuses (Stripe) or silently fails to
 * reach an address that is not public https. Said before anything is registered at the provider.
 */
export function assertReachableByProvider(publicUrl: string, provider: keyof typeof providerNames) {
  const url = new URL(publicUrl);
  const problem = isLocalHost(url.hostname) ? 'is not reachable from the internet' : url.protocol !== 'https:' ? 'is not https' : null;
  if (!problem) return;
  throw new AppError(
    'bad_request',
    `${providerNames[provider]} sends payment events to PUBLIC_URL (${publicUrl}), which ${problem}. Set PUBLIC_URL to this server's public https address (from a laptop: an https tunnel, see docs/deployment.md), or use sandbox mode.`,
  );
}

/**
 * Connects (or reconnects) a payment provider for one account and mode: the adapter checks the
 * credentials with the provider and registers our webhook there, then the credentials are stored
 * sealed. The provider is called outside any database transaction; if the write fails, what was
 * registered is removed again, and a replaced connection's registration is removed once the new
 * one is stored (best effort).
 */
export async function connectPaymentProvider(ctx: AppContext, adapter: PaymentProviderAdapter, input: ConnectionInput & { credentials: unknown; sandbox: boolean }): Promise<ConnectionState> {
  const { accountId, mode } = input;
  const provider = adapter.name;
  if (!input.sandbox) assertReachableByProvider(ctx.config.publicUrl, provider);
  const prepared = await adapter.connector.prepare(ctx, { accountId, mode, sandbox: input.sandbox, credentials: input.credentials, webhookUrl: webhookUrl(ctx.config.publicUrl, provider, accountId) });
  const values = {
    sandbox: input.sandbox,
    credentials: ctx.secretBox.seal(JSON.stringify(prepared.credentials), connectionContext({ accountId, mode, provider })),
    keyId: ctx.secretBox.activeKeyId,
    hint: prepared.hint,
    publicConfig: prepared.publicConfig,
  };
  let stored: { row: ConnectionRow; replaced?: ConnectionRow };
  try {
    stored = await withTenant(ctx.database, accountId, async (tx) => {
      const result = await storeConnection(tx, { accountId, mode, provider }, values);
      await audit(tx, {
        accountId,
        userId: input.userId,
        action: 'connection.created',
        target: `${provider}:${mode}`,
        metadata: { provider, mode, sandbox: input.sandbox, hint: values.hint, ...adapter.connector.auditDetails(values), replaced: result.replaced !== undefined, replacedHint: result.replaced?.hint ?? null },
        ip: input.ip,
      });
      return result;
    });
  } catch (err) {
    await prepared.undo().catch((undoErr: unknown) => input.log?.warn({ err: undoErr, provider }, `could not remove an unused ${providerNames[provider]} registration`));
    throw err;
  }
  if (stored.replaced) {
    await adapter.connector.release(ctx, stored.replaced).catch((err: unknown) => input.log?.warn({ err, provider }, `could not remove the replaced ${providerNames[provider]} connection's registration`));
  }
  return connectionState(stored.row);
}

/** The one-step sandbox connection: a fresh account at the provider's stand-in, connected like typed credentials would be. Sandbox mode only. */
export async function connectSandboxPaymentProvider(ctx: AppContext, adapter: PaymentProviderAdapter, input: ConnectionInput): Promise<ConnectionState> {
  const name = providerNames[adapter.name];
  if (!ctx.sandboxUrls) {
    throw new AppError('bad_request', `The ${name} sandbox is only available when the server runs in sandbox mode (SANDBOX=1). Connect ${name} with your own keys instead.`);
  }
  const credentials = await adapter.connector.sandboxCredentials(ctx, input.mode);
  return connectPaymentProvider(ctx, adapter, { ...input, credentials, sandbox: true });
}

/**
 * Disconnects a payment provider for one account and mode: removes our registration at the
 * provider (one already gone, or credentials the provider no longer accepts, do not block), then
 * the stored connection. If the provider cannot be reached the connection stays, so the merchant
 * can retry. Returns whether there was a connection.
 */
export async function disconnectPaymentProvider(ctx: AppContext, adapter: PaymentProviderAdapter, input: ConnectionInput): Promise<boolean> {
  const row = await loadConnectionRow(ctx, input.accountId, input.mode, adapter.name);
  if (!row) return false;
  const name = providerNames[adapter.name];
  try {
    await adapter.connector.release(ctx, row);
  } catch (err) {
    if (!(err instanceof ProviderError)) throw err;
    if (err.kind === 'unavailable') throw new AppError('provider_unavailable', `${name} could not be reached while removing the webhook endpoint. Please try again in a moment.`);
    input.log?.warn({ provider: adapter.name, reason: err.message }, `${name} refused to remove our registration; the connection is removed anyway`);
  }
  await removeConnection(ctx, row, input, adapter.connector.auditDetails(row));
  return true;
}
