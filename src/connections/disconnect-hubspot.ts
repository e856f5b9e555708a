import { and, eq } from 'drizzle-orm';
import { audit } from '../accounts/audit.js';
import { providerConnections, type Mode } from '../platform/db/schema.js';
import { withTenant } from '../platform/db/tenant.js';
import { AppError } from '../platform/http/errors.js';
import type { AppContext } from '../platform/http/types.js';
import type { HubSpotCredentials } from '../providers/hubspot/hubspot-connection.js';
import { hubspotOAuthApp, revokeHubSpotRefreshToken } from '../providers/hubspot/hubspot-oauth.js';
import { openCredentials } from '../providers/hubspot/load-hubspot-connection.js';
import type { Warner } from './connect-stripe.js';

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
    await revokeHubSpotRefreshToken(hubspotOAuthApp(ctx, old.sandbox).tokenBase, credentials.refreshToken);
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
  const { accountId, mode } = input;
  const where = and(eq(providerConnections.accountId, accountId), eq(providerConnections.mode, mode), eq(providerConnections.provider, 'hubspot'));
  const [row] = await withTenant(ctx.database, accountId, (tx) => tx.select().from(providerConnections).where(where).limit(1));
  if (!row) return false;

  await withTenant(ctx.database, accountId, async (tx) => {
    // Only the connection read above: a reconnect in between is kept.
    const deleted = await tx
      .delete(providerConnections)
      .where(and(where, eq(providerConnections.id, row.id), eq(providerConnections.credentials, row.credentials)))
      .returning({ id: providerConnections.id });
    if (deleted.length === 0) throw new AppError('conflict', 'The HubSpot connection changed while it was being removed. Please try again.');
    await audit(tx, {
      accountId,
      userId: input.userId,
      action: 'connection.removed',
      target: `hubspot:${mode}`,
      metadata: { provider: 'hubspot', mode, sandbox: row.sandbox, hint: row.hint, portalId: (row.publicConfig as { portalId?: string }).portalId ?? null },
      ip: input.ip,
    });
  });
  await revokeReplacedHubSpotTokens(ctx, row, null, input.log);
  return true;
}
