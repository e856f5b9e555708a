import crypto from 'node:crypto';
import { and, eq, gt, lt } from 'drizzle-orm';
import { oauthStates, type Mode } from '../platform/db/schema.js';
import { withTenant } from '../platform/db/tenant.js';
import { AppError } from '../platform/http/errors.js';
import type { AppContext } from '../platform/http/types.js';
import { hubspotErrorToAppError } from '../providers/hubspot/hubspot-errors.js';
import { exchangeHubSpotCode, hubspotAuthorizeUrl, hubspotOAuthApp } from '../providers/hubspot/hubspot-oauth.js';
import { connectHubSpot } from './connect-hubspot.js';
import type { Warner } from './warner.js';

/** How long the merchant has to finish the consent page. */
export const oauthStateLifetimeMs = 10 * 60 * 1000;

const hashState = (state: string) => crypto.createHash('sha256').update(state).digest('hex');

/** A same-origin dashboard path (not `//host`, no scheme, no backslash or control characters). */
export const returnToPattern = '^/(?![/\\\\])[^\\s\\\\]*$';

interface Member {
  accountId: string;
  userId: string;
  sessionIdHash: string;
}

/**
 * Starts "Connect with HubSpot": stores a random `state` (its hash) bound to this session, member,
 * account and mode for ten minutes, and returns the consent page URL to send the browser to.
 * In sandbox mode the consent page is the stand-in's; otherwise app.hubspot.com (needs
 * HUBSPOT_CLIENT_ID and HUBSPOT_CLIENT_SECRET).
 */
export async function startHubSpotOAuth(ctx: AppContext, input: Member & { mode: Mode; returnTo: string }) {
  const sandbox = ctx.sandboxUrls !== undefined;
  const app = hubspotOAuthApp(ctx, sandbox);
  const state = crypto.randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + oauthStateLifetimeMs);
  await withTenant(ctx.database, input.accountId, async (tx) => {
    await tx.delete(oauthStates).where(and(eq(oauthStates.accountId, input.accountId), lt(oauthStates.expiresAt, new Date())));
    await tx.insert(oauthStates).values({
      stateHash: hashState(state),
      accountId: input.accountId,
      sessionIdHash: input.sessionIdHash,
      userId: input.userId,
      provider: 'hubspot',
      mode: input.mode,
      sandbox,
      returnTo: input.returnTo,
      expiresAt,
    });
  });
  return { authorizeUrl: hubspotAuthorizeUrl(app, state), expiresAt: expiresAt.toISOString() };
}

export interface OAuthCallback {
  state: string;
  code?: string;
  /** Set by HubSpot when the merchant cancelled (`access_denied`). */
  error?: string;
}

/**
 * Finishes "Connect with HubSpot" on the redirect back: consumes the state (it must belong to this
 * session and be unused and unexpired, or 404), exchanges the code and connects like a token would be.
 * Returns where to send the browser: the dashboard path given at the start, with `hubspot=connected`
 * or `hubspot=error` and a `message`.
 */
export async function completeHubSpotOAuth(ctx: AppContext, input: Member & { callback: OAuthCallback; ip?: string; log?: Warner }): Promise<string> {
  const [pending] = await withTenant(ctx.database, input.accountId, (tx) =>
    tx
      .delete(oauthStates)
      .where(
        and(
          eq(oauthStates.stateHash, hashState(input.callback.state)),
          eq(oauthStates.accountId, input.accountId),
          eq(oauthStates.sessionIdHash, input.sessionIdHash),
          eq(oauthStates.userId, input.userId),
          gt(oauthStates.expiresAt, new Date()),
        ),
      )
      .returning(),
  );
  if (!pending) {
    throw new AppError('not_found', 'This HubSpot authorization is unknown, was already used, or has expired. Start connecting HubSpot again from the dashboard.');
  }

  const back = (params: Record<string, string>) => {
    const url = new URL(pending.returnTo, ctx.config.publicUrl);
    url.searchParams.set('mode', pending.mode);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    return url.toString();
  };
  if (input.callback.error || !input.callback.code) {
    const cancelled = input.callback.error === 'access_denied';
    return back({ hubspot: 'error', message: cancelled ? 'HubSpot access was not granted.' : 'HubSpot did not send an authorization code.' });
  }

  try {
    const app = hubspotOAuthApp(ctx, pending.sandbox);
    let tokens;
    try {
      tokens = await exchangeHubSpotCode(app, input.callback.code);
    } catch (err) {
      throw hubspotErrorToAppError(err, 'the authorization code');
    }
    await connectHubSpot(ctx, {
      accountId: input.accountId,
      userId: input.userId,
      mode: pending.mode,
      sandbox: pending.sandbox,
      credentials: { authType: 'oauth', ...tokens },
      ip: input.ip,
      log: input.log,
    });
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return back({ hubspot: 'error', message: err.message });
  }
  return back({ hubspot: 'connected' });
}
