import { audit } from '../accounts/audit.js';
import { connectionContext } from '../platform/crypto/rotate-secrets.js';
import type { Mode } from '../platform/db/schema.js';
import { withTenant } from '../platform/db/tenant.js';
import type { AppContext } from '../platform/http/types.js';
import { fetchHubSpotAccount, hubspotTokenHint } from '../providers/hubspot/hubspot-account.js';
import { hubspotBaseUrl, hubspotClient, hubspotRequest } from '../providers/hubspot/hubspot-client.js';
import type { HubSpotCredentials, HubSpotPublicConfig } from '../providers/hubspot/hubspot-connection.js';
import { hubspotErrorToAppError } from '../providers/hubspot/hubspot-errors.js';
import { hubspotOAuthApp, introspectHubSpotToken } from '../providers/hubspot/hubspot-oauth.js';
import { ensureHubSpotProperties } from '../providers/hubspot/hubspot-properties.js';
import type { Warner } from './warner.js';
import { connectionState } from './connection-state.js';
import type { ConnectionState } from './schemas.js';
import { revokeReplacedHubSpotTokens } from './disconnect-hubspot.js';
import { storeConnection } from './store-connection.js';

export interface ConnectHubSpotInput {
  accountId: string;
  /** The member connecting (null for the CLI). */
  userId: string | null;
  mode: Mode;
  credentials: HubSpotCredentials;
  /** Connect to the sandbox stand-in (needs ctx.sandboxUrls) instead of api.hubapi.com. */
  sandbox: boolean;
  ip?: string;
  log?: Warner;
}

/**
 * Connects (or reconnects) HubSpot for one account and mode: checks the token against HubSpot
 * (which also names its portal) and its access to contacts, deals and line items, creates or
 * reuses the OnePagePay property group and properties on contacts and deals, then stores the
 * token(s) sealed. HubSpot is called outside any database transaction; nothing is stored unless
 * every step succeeded.
 */
export async function connectHubSpot(ctx: AppContext, input: ConnectHubSpotInput): Promise<ConnectionState> {
  const { accountId, mode, credentials } = input;
  const base = hubspotBaseUrl(input, ctx.sandboxUrls);

  // Who the token is (introspection says it for OAuth tokens), and the portal's currencies.
  let identity: Pick<HubSpotPublicConfig, 'portalId' | 'hubDomain' | 'scopes' | 'currencies'>;
  try {
    const oauth = credentials.authType === 'oauth' ? await introspectHubSpotToken(hubspotOAuthApp(ctx, input.sandbox), credentials.accessToken) : null;
    const account = await fetchHubSpotAccount(base, credentials.accessToken);
    const currencies = [account.companyCurrency, ...account.additionalCurrencies].filter((c): c is string => Boolean(c)).map((c) => c.toUpperCase());
    identity = { portalId: account.portalId, hubDomain: oauth?.hubDomain ?? null, scopes: oauth?.scopes ?? [], currencies: [...new Set(currencies)] };
  } catch (err) {
    throw hubspotErrorToAppError(err, 'the access token');
  }

  // HubSpot says which scopes a call lacks: read one record of each object type the sync writes.
  try {
    for (const objectType of ['contacts', 'deals', 'line_items']) {
      await hubspotRequest(base, { path: `/crm/v3/objects/${objectType}?limit=1`, accessToken: credentials.accessToken });
    }
  } catch (err) {
    throw hubspotErrorToAppError(err, 'reading contacts, deals and line items');
  }

  try {
    await ensureHubSpotProperties(hubspotClient({ accessToken: credentials.accessToken, sandbox: input.sandbox }, ctx.sandboxUrls), identity.portalId);
  } catch (err) {
    throw hubspotErrorToAppError(err, 'creating the OnePagePay properties');
  }

  const publicConfig: HubSpotPublicConfig = { authType: credentials.authType, ...identity, propertiesEnsuredAt: new Date().toISOString() };
  const hint = credentials.authType === 'private_app' ? hubspotTokenHint(credentials.accessToken) : `OAuth, portal ${identity.portalId}`;
  const stored = await withTenant(ctx.database, accountId, async (tx) => {
    const result = await storeConnection(
      tx,
      { accountId, mode, provider: 'hubspot' },
      {
        sandbox: input.sandbox,
        credentials: ctx.secretBox.seal(JSON.stringify(credentials), connectionContext({ accountId, mode, provider: 'hubspot' })),
        keyId: ctx.secretBox.activeKeyId,
        hint,
        publicConfig: publicConfig as unknown as Record<string, unknown>,
      },
    );
    await audit(tx, {
      accountId,
      userId: input.userId,
      action: 'connection.created',
      target: `hubspot:${mode}`,
      metadata: { provider: 'hubspot', mode, sandbox: input.sandbox, authType: credentials.authType, portalId: identity.portalId, hint, replaced: result.replaced !== undefined, replacedHint: result.replaced?.hint ?? null },
      ip: input.ip,
    });
    return result;
  });

  if (stored.replaced) await revokeReplacedHubSpotTokens(ctx, stored.replaced, credentials, input.log);
  return connectionState(stored.row);
}
