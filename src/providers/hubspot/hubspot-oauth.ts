import { AppError } from '../../platform/http/errors.js';
import type { AppContext } from '../../platform/http/types.js';
import { hubspotApiBase, hubspotRequest } from './hubspot-client.js';
import { HubSpotApiError } from './hubspot-errors.js';

/** The scopes "Connect with HubSpot" asks for: contacts, deals and line items, their properties, forms. */
export const hubspotOAuthScopes = [
  'oauth',
  'crm.objects.contacts.read',
  'crm.objects.contacts.write',
  'crm.objects.deals.read',
  'crm.objects.deals.write',
  'crm.objects.line_items.read',
  'crm.objects.line_items.write',
  'crm.schemas.contacts.read',
  'crm.schemas.contacts.write',
  'crm.schemas.deals.read',
  'crm.schemas.deals.write',
  'forms',
] as const;

/** Refresh an access token this long before HubSpot says it expires. */
export const refreshMarginMs = 5 * 60 * 1000;

// In sandbox mode the stand-in accepts any client id and any non-empty secret.
const sandboxApp = { clientId: 'onepagepay-sandbox', clientSecret: 'onepagepay-sandbox-secret' };

export interface HubSpotOAuthApp {
  clientId: string;
  clientSecret: string;
  /** Where the merchant's browser is sent to grant access. */
  authorizeUrl: string;
  /** The base of HubSpot's OAuth token API (`POST {tokenBase}/oauth/2026-03/token`, …). */
  tokenBase: string;
  redirectUri: string;
}

/** Where HubSpot sends the merchant back after the consent page. */
export const hubspotRedirectUri = (publicUrl: string) => `${publicUrl}/api/v1/connections/hubspot/oauth/callback`;

/**
 * The OAuth app for a connection: the stand-in (with HUBSPOT_CLIENT_ID/SECRET if set, a built-in
 * sandbox app otherwise) for sandbox connections; app.hubspot.com and api.hubapi.com with
 * HUBSPOT_CLIENT_ID/SECRET otherwise. Throws bad_request when OAuth is not configured.
 */
export function hubspotOAuthApp(ctx: Pick<AppContext, 'config' | 'sandboxUrls'>, sandbox: boolean): HubSpotOAuthApp {
  const redirectUri = hubspotRedirectUri(ctx.config.publicUrl);
  if (sandbox) {
    if (!ctx.sandboxUrls) throw new AppError('provider_unavailable', 'This HubSpot connection uses the sandbox, but the server is not running in sandbox mode. Reconnect HubSpot.');
    return { ...(ctx.config.hubspotOAuth ?? sandboxApp), authorizeUrl: `${ctx.sandboxUrls.hubspot}/oauth/authorize`, tokenBase: ctx.sandboxUrls.hubspot, redirectUri };
  }
  if (!ctx.config.hubspotOAuth) {
    throw new AppError('bad_request', 'Connecting HubSpot with OAuth is not configured on this server (HUBSPOT_CLIENT_ID and HUBSPOT_CLIENT_SECRET). Connect with a private app access token instead.');
  }
  return { ...ctx.config.hubspotOAuth, authorizeUrl: 'https://app.hubspot.com/oauth/authorize', tokenBase: hubspotApiBase, redirectUri };
}

/** The consent page URL the merchant's browser goes to. */
export function hubspotAuthorizeUrl(app: HubSpotOAuthApp, state: string): string {
  const url = new URL(app.authorizeUrl);
  url.searchParams.set('client_id', app.clientId);
  url.searchParams.set('redirect_uri', app.redirectUri);
  url.searchParams.set('scope', hubspotOAuthScopes.join(' '));
  url.searchParams.set('state', state);
  return url.toString();
}

export interface HubSpotOAuthTokens {
  accessToken: string;
  refreshToken: string;
  /** ISO 8601. */
  expiresAt: string;
}

/**
 * HubSpot's OAuth token API, the dated version that replaces the v1 endpoints (deprecated, sunset
 * 2027-02-16: https://developers.hubspot.com/changelog/v1-oauth-api-deprecation). Every value goes
 * in the form-encoded body, never in a path or query string, with the app's client id and secret.
 */
export const hubspotOAuthPath = '/oauth/2026-03/token';

interface TokenAnswer {
  access_token: string;
  refresh_token: string;
  expires_in: number;
}

/** A POST to the token API (`''`, `/introspect` or `/revoke`) with the app's credentials. */
async function oauthCall<T>(app: Pick<HubSpotOAuthApp, 'clientId' | 'clientSecret' | 'tokenBase'>, endpoint: '' | '/introspect' | '/revoke', form: Record<string, string>) {
  return hubspotRequest<T>(app.tokenBase, {
    method: 'POST',
    path: `${hubspotOAuthPath}${endpoint}`,
    form: { client_id: app.clientId, client_secret: app.clientSecret, ...form },
  });
}

async function tokenCall(app: HubSpotOAuthApp, form: Record<string, string>): Promise<HubSpotOAuthTokens> {
  const { body } = await oauthCall<TokenAnswer>(app, '', form);
  if (typeof body?.access_token !== 'string' || typeof body.refresh_token !== 'string' || typeof body.expires_in !== 'number') {
    throw new Error('HubSpot answered the token request without tokens');
  }
  return { accessToken: body.access_token, refreshToken: body.refresh_token, expiresAt: new Date(Date.now() + body.expires_in * 1000).toISOString() };
}

/** Exchanges the code from the consent page's redirect for tokens. */
export function exchangeHubSpotCode(app: HubSpotOAuthApp, code: string): Promise<HubSpotOAuthTokens> {
  return tokenCall(app, { grant_type: 'authorization_code', code, redirect_uri: app.redirectUri });
}

/** A new access token for a refresh token (HubSpot keeps the refresh token the same). */
export function refreshHubSpotTokens(app: HubSpotOAuthApp, refreshToken: string): Promise<HubSpotOAuthTokens> {
  return tokenCall(app, { grant_type: 'refresh_token', refresh_token: refreshToken });
}

/**
 * What HubSpot says about an OAuth access token: its portal, domain and scopes. A token HubSpot
 * does not know (or no longer) is `{"active": false}` (RFC 7662): answered as a 401 would be.
 */
export async function introspectHubSpotToken(app: HubSpotOAuthApp, accessToken: string) {
  const { body } = await oauthCall<{ active?: boolean; hub_id?: number; hub_domain?: string; scopes?: string[] }>(app, '/introspect', {
    token: accessToken,
    token_type_hint: 'access_token',
  });
  if (!body?.active || typeof body.hub_id !== 'number') {
    throw new HubSpotApiError(401, { status: 'error', message: 'HubSpot says the access token is not active (expired or revoked).', category: 'INVALID_AUTHENTICATION' });
  }
  return { portalId: String(body.hub_id), hubDomain: body.hub_domain ?? null, scopes: body.scopes ?? [] };
}

/** Revokes a refresh token (on disconnect); revoking one already gone succeeds too (RFC 7009). */
export async function revokeHubSpotRefreshToken(app: HubSpotOAuthApp, refreshToken: string) {
  await oauthCall(app, '/revoke', { token: refreshToken, token_type_hint: 'refresh_token' });
}
