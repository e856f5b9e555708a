import type { Mode } from '../platform/db/schema.js';
import { AppError } from '../platform/http/errors.js';
import type { AppContext } from '../platform/http/types.js';
import { connectHubSpot } from './connect-hubspot.js';
import { createAtHubSpotStandIn } from './hubspot-stand-in.js';
import type { Warner } from './warner.js';
import type { ConnectionState } from './schemas.js';

/**
 * Creates a portal with a private-app token at the HubSpot stand-in (`POST /__sandbox/hubspot/portals`),
 * with every currency the stand-in knows enabled, so a sandbox shop's payments sync in any currency.
 */
function mintSandboxHubSpotPortal(hubspotUrl: string, name: string): Promise<{ portalId: number; accessToken: string }> {
  return createAtHubSpotStandIn(hubspotUrl, '/portals', { name, additionalCurrencies: 'all' }, 'a portal');
}

/**
 * The one-step sandbox connection: a fresh portal at the HubSpot stand-in, connected with its
 * private-app token like a typed token would be (token check, properties, sealed storage). Sandbox
 * mode only. Also returns the token, which `create-account --sandbox --json` prints for scripts.
 */
export async function connectSandboxHubSpot(
  ctx: AppContext,
  input: { accountId: string; userId: string | null; mode: Mode; ip?: string; log?: Warner },
): Promise<{ state: ConnectionState; portalId: string; accessToken: string }> {
  if (!ctx.sandboxUrls) {
    throw new AppError('bad_request', 'The HubSpot sandbox is only available when the server runs in sandbox mode (SANDBOX=1). Connect HubSpot with a private app token or OAuth instead.');
  }
  const portal = await mintSandboxHubSpotPortal(ctx.sandboxUrls.hubspot, `OnePagePay ${input.mode} portal`);
  const state = await connectHubSpot(ctx, { ...input, sandbox: true, credentials: { authType: 'private_app', accessToken: portal.accessToken } });
  return { state, portalId: String(portal.portalId), accessToken: portal.accessToken };
}
