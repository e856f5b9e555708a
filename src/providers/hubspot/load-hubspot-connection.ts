import type { Client } from '@hubspot/api-client';
import { and, eq } from 'drizzle-orm';
import { connectionContext } from '../../platform/crypto/rotate-secrets.js';
import { providerConnections, type Mode } from '../../platform/db/schema.js';
import { withTenant, type Tx } from '../../platform/db/tenant.js';
import type { AppContext } from '../../platform/http/types.js';
import { hubspotBaseUrl, hubspotClient } from './hubspot-client.js';
import type { HubSpotAuthType, HubSpotCredentials, HubSpotPublicConfig } from './hubspot-connection.js';
import { hubspotErrorToAppError } from './hubspot-errors.js';
import { hubspotOAuthApp, refreshHubSpotTokens, refreshMarginMs } from './hubspot-oauth.js';

export interface HubSpotConnection {
  /** A usable access token: an OAuth token is refreshed first when it expires within five minutes. */
  accessToken: string;
  portalId: string;
  hubDomain: string | null;
  authType: HubSpotAuthType;
  sandbox: boolean;
  /** The official client for this token (see hubspotClient for what it does not do). */
  client: Client;
  /** The API origin the connection talks to (the stand-in or https://api.hubapi.com), for raw calls. */
  baseUrl: string;
}

type Row = typeof providerConnections.$inferSelect;
type Ctx = Pick<AppContext, 'database' | 'secretBox' | 'sandboxUrls' | 'config'>;

export interface LoadHubSpotOptions {
  /** Refresh an OAuth token even if it looks valid (HubSpot just answered 401 with it). */
  forceRefresh?: boolean;
}

/**
 * An account's HubSpot connection for a mode, with a usable token and a ready client, or null when
 * HubSpot is not connected in that mode. Pass the account id to read (and store a refreshed token)
 * in transactions of its own, or `{tx, accountId}` to use an open tenant transaction — then a
 * refresh, when due (every ~30 minutes), calls HubSpot inside that transaction.
 *
 * A refresh HubSpot refuses throws 422 unprocessable (reconnect needed); HubSpot unreachable throws
 * 503 provider_unavailable unless the current token is still valid, which is then used.
 */
export async function loadHubSpotConnection(
  ctx: Ctx,
  scope: string | { tx: Tx; accountId: string },
  mode: Mode,
  options: LoadHubSpotOptions = {},
): Promise<HubSpotConnection | null> {
  const inTx = <T>(fn: (tx: Tx, accountId: string) => Promise<T>) =>
    typeof scope === 'string' ? withTenant(ctx.database, scope, (tx) => fn(tx, scope)) : fn(scope.tx, scope.accountId);
  const read = (tx: Tx, accountId: string) =>
    tx
      .select()
      .from(providerConnections)
      .where(and(eq(providerConnections.accountId, accountId), eq(providerConnections.mode, mode), eq(providerConnections.provider, 'hubspot')))
      .limit(1)
      .then((rows) => rows[0]);

  let row = await inTx(read);
  if (!row) return null;
  let credentials = openCredentials(ctx, row);
  if (credentials.authType === 'oauth' && (options.forceRefresh || Date.parse(credentials.expiresAt) - Date.now() < refreshMarginMs)) {
    const refreshed = await refreshOnce(ctx, row, credentials, inTx, read);
    row = refreshed.row;
    credentials = refreshed.credentials;
  }
  const config = row.publicConfig as unknown as HubSpotPublicConfig;
  return {
    accessToken: credentials.accessToken,
    portalId: config.portalId,
    hubDomain: config.hubDomain,
    authType: credentials.authType,
    sandbox: row.sandbox,
    client: hubspotClient({ accessToken: credentials.accessToken, sandbox: row.sandbox }, ctx.sandboxUrls),
    baseUrl: hubspotBaseUrl(row, ctx.sandboxUrls),
  };
}

export function openCredentials(ctx: Pick<AppContext, 'secretBox'>, row: Row): HubSpotCredentials {
  return JSON.parse(ctx.secretBox.open(row.credentials, connectionContext(row))) as HubSpotCredentials;
}

// One refresh per connection at a time in this process; other instances are handled by the conditional write.
const inFlight = new Map<string, Promise<{ row: Row; credentials: HubSpotCredentials }>>();

function refreshOnce(
  ctx: Ctx,
  row: Row,
  credentials: Extract<HubSpotCredentials, { authType: 'oauth' }>,
  inTx: <T>(fn: (tx: Tx, accountId: string) => Promise<T>) => Promise<T>,
  read: (tx: Tx, accountId: string) => Promise<Row | undefined>,
) {
  const key = `${row.id} ${credentials.refreshToken}`;
  let pending = inFlight.get(key);
  if (!pending) {
    pending = refresh(ctx, row, credentials, inTx, read).finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
  }
  return pending;
}

async function refresh(
  ctx: Ctx,
  row: Row,
  credentials: Extract<HubSpotCredentials, { authType: 'oauth' }>,
  inTx: <T>(fn: (tx: Tx, accountId: string) => Promise<T>) => Promise<T>,
  read: (tx: Tx, accountId: string) => Promise<Row | undefined>,
): Promise<{ row: Row; credentials: HubSpotCredentials }> {
  let tokens;
  try {
    tokens = await refreshHubSpotTokens(hubspotOAuthApp(ctx, row.sandbox), credentials.refreshToken);
  } catch (err) {
    const appError = hubspotErrorToAppError(err, 'refreshing the OAuth access token');
    // Unreachable but the token still has a few minutes: use it rather than fail the caller.
    if (appError.code === 'provider_unavailable' && Date.parse(credentials.expiresAt) > Date.now()) return { row, credentials };
    throw appError;
  }
  const next: HubSpotCredentials = { authType: 'oauth', ...tokens };
  const sealed = ctx.secretBox.seal(JSON.stringify(next), connectionContext(row));
  return inTx(async (tx, accountId) => {
    // Only the connection as read: a reconnect or another instance's refresh in between wins.
    const [updated] = await tx
      .update(providerConnections)
      .set({ credentials: sealed, keyId: ctx.secretBox.activeKeyId })
      .where(and(eq(providerConnections.id, row.id), eq(providerConnections.accountId, accountId), eq(providerConnections.credentials, row.credentials)))
      .returning();
    if (updated) return { row: updated, credentials: next };
    const current = await read(tx, accountId);
    if (!current) return { row, credentials: next };
    return { row: current, credentials: openCredentials(ctx, current) };
  });
}
