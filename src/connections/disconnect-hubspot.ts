import type { providerConnections, Mode } from '../platform/db/schema.js';
import type { AppContext } from '../platform/http/types.js';
import type { HubSpotCredentials } from '../providers/hubspot/hubspot-connection.js';
import { hubspotOAuthApp, revokeHubSpotRefreshToken } from '../providers/hubspot/hubspot-oauth.js';
import { openCredentials } from '../providers/hubspot/load-hubspot-connection.js';
import { loadConnectionRow } from '../providers/connection-rows.js';
import { removeConnection } from './remove-connection.js';
import type { Warner } from './warner.js';

type Row = typeof providerConnections.$inferSelect;

/**
 * Best effort: revokes an OAuth connection's refresh token at HubSpot unless `keep` still uses it.
 * A token HubSpot cannot be told about only lingers until the merchant uninstalls the app there.
 */
export async function revokeReplacedHubSpotTokens(ctx: AppContext, old: Row, keep: HubSpotCredentials | null, log?: Warner) {
  const credentials = openCredentials(ctx, old);
  if (credentials.authType !== 'oauth' || (keep?.authType === 'oauth' && keep.refreshToken === credentials.refreshToken)) return;
  if (old.sandbox && !ctx.sandboxUrls) return; // no stand-in left to tell
  try {
    await revokeHubSpotRefreshToken(hubspotOAuthApp(ctx, old.sandbox), credentials.refreshToken);
  } catch (err) {
    log?.warn({ err }, 'could not revoke a HubSpot refresh token');
  }
}

/**
 * Disconnects HubSpot for one account and mode: revokes an OAuth refresh token at HubSpot (best
 * effort), then deletes the stored connection. The OnePagePay properties and their values stay in
 * HubSpot: they are the merchant's data. Returns whether there was a connection.
 */
export async function disconnectHubSpot(ctx: AppContext, input: { accountId: string; userId: string | null; mode: Mode; ip?: string; log?: Warner }): Promise<boolean> {
  const row = await loadConnectionRow(ctx, input.accountId, input.mode, 'hubspot');
  if (!row) return false;
  await removeConnection(ctx, row, input, { portalId: (row.publicConfig as { portalId?: string }).portalId ?? null });
  await revokeReplacedHubSpotTokens(ctx, row, null, input.log);
  return true;
}
