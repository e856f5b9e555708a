import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { newCorrelationId } from './errors.js';
import type { AuthCode, HubSpotStore } from './store.js';

/** Auth codes live ten minutes of sandbox time and are single use. */
const codeLifetimeMs = 10 * 60 * 1000;
const appIdOf = (clientId: string) => Number.parseInt(clientId.replace(/[^0-9a-f]/gi, '').slice(0, 6) || '1', 16) % 10_000_000;

/**
 * HubSpot's OAuth errors: HTTP 400 with the RFC 6749 fields (`error`, `error_description`) and the
 * older `status` and `message` kept beside them, as HubSpot answers since the v3 endpoints
 * (https://developers.hubspot.com/changelog/new-oauth-v3-api-endpoints-and-standardized-error-responses).
 */
function oauthError(reply: FastifyReply, status: string, message: string) {
  const error = ({ BAD_CLIENT_ID: 'invalid_client', BAD_CLIENT_SECRET: 'invalid_client', BAD_GRANT_TYPE: 'unsupported_grant_type' } as Record<string, string>)[status] ?? 'invalid_grant';
  return reply.code(400).send({ error, error_description: message, status, message, correlationId: newCorrelationId() });
}

export interface GrantRequest {
  clientId: string;
  redirectUri: string;
  scopes: string[];
  state?: string;
  /** Existing portal to connect; a new portal is created when absent. */
  portalId?: number;
}

/** Approves an authorization request (what the consent page's "Authorize" button does) and returns the redirect. */
export function grantCode(store: HubSpotStore, grant: GrantRequest) {
  const portal = (grant.portalId !== undefined && store.portals.get(grant.portalId)) || store.createPortal();
  const code: AuthCode = {
    code: randomUUID(),
    portalId: portal.portalId,
    clientId: grant.clientId,
    redirectUri: grant.redirectUri,
    scopes: grant.scopes,
    expiresAt: store.clock.nowMs() + codeLifetimeMs,
  };
  store.authCodes.set(code.code, code);
  const location = new URL(grant.redirectUri);
  location.searchParams.set('code', code.code);
  if (grant.state !== undefined) location.searchParams.set('state', grant.state);
  return { code: code.code, portalId: portal.portalId, location: location.toString() };
}

/** The OAuth API's current version (the dated one); `/oauth/v3/…` answers the same. */
export const oauthVersion = '2026-03';
const current = [`/oauth/${oauthVersion}`, '/oauth/v3'];

/**
 * HubSpot's OAuth token API, both generations (https://developers.hubspot.com/changelog/v1-oauth-api-deprecation):
 * - current: `POST /oauth/2026-03/token`, `…/token/introspect` and `…/token/revoke`, everything in
 *   the form-encoded body, the app's client id and secret on each;
 * - v1, deprecated (sunset 2027-02-16) and still served: `POST /oauth/v1/token`,
 *   `GET /oauth/v1/access-tokens/{token}`, `GET` and `DELETE /oauth/v1/refresh-tokens/{token}`,
 *   tokens in the path.
 * Every call is counted by route in `store.oauthCalls` (GET /__sandbox/hubspot/oauth-calls), so
 * tests can tell which generation a client uses.
 */
export async function registerOAuthTokenRoutes(app: FastifyInstance, store: HubSpotStore) {
  type Form = Record<string, string | undefined>;
  app.addHook('onRequest', async (req) => {
    const route = req.routeOptions.url;
    if (route?.startsWith('/oauth/')) store.oauthCalls.set(`${req.method} ${route}`, (store.oauthCalls.get(`${req.method} ${route}`) ?? 0) + 1);
  });
  const now = () => store.clock.nowMs();
  /** The client's id and secret checked (any secret for an unregistered id); the error sent otherwise. */
  const client = (body: Form, reply: FastifyReply): string | undefined => {
    const clientId = body.client_id ?? '';
    if (!clientId) {
      void oauthError(reply, 'BAD_CLIENT_ID', 'missing or unknown client id');
      return undefined;
    }
    const registered = store.apps.get(clientId);
    if (!body.client_secret || (registered !== undefined && registered !== body.client_secret)) {
      void oauthError(reply, 'BAD_CLIENT_SECRET', 'missing or invalid client secret');
      return undefined;
    }
    return clientId;
  };
  const portalFields = (portalId: number, clientId: string | undefined) => ({
    hub_id: portalId,
    hub_domain: `sandbox-${portalId}.example.com`,
    app_id: appIdOf(clientId ?? 'private'),
    user_id: 1,
    user: 'sandbox-user@example.com',
  });
  // What the token endpoint answers: every field HubSpot's AccessTokenResponse has.
  const tokenAnswer = (access: { token: string; portalId: number; scopes: string[] }, refresh: { token: string }) => ({
    token_type: 'bearer',
    token_use: 'access_token',
    access_token: access.token,
    refresh_token: refresh.token,
    expires_in: 1800,
    hub_id: access.portalId,
    user_id: 1,
    scopes: access.scopes,
    id_token: null,
  });

  const token = async (req: { body: unknown }, reply: FastifyReply) => {
    const body = (req.body ?? {}) as Form;
    const clientId = client(body, reply);
    if (!clientId) return reply;
    if (body.grant_type === 'authorization_code') {
      const code = store.authCodes.get(body.code ?? '');
      if (!code || code.expiresAt <= now() || code.clientId !== clientId) return oauthError(reply, 'BAD_AUTH_CODE', 'missing or unknown auth code');
      if (code.redirectUri !== body.redirect_uri) return oauthError(reply, 'BAD_REDIRECT_URI', 'redirect_uri does not match the one authorized');
      store.authCodes.delete(code.code);
      const { access, refresh } = store.issueOAuthTokens(code.portalId, clientId, code.scopes);
      return tokenAnswer(access, refresh);
    }
    if (body.grant_type === 'refresh_token') {
      const refresh = store.refreshTokens.get(body.refresh_token ?? '');
      if (!refresh || refresh.clientId !== clientId || !store.portals.has(refresh.portalId)) {
        return oauthError(reply, 'BAD_REFRESH_TOKEN', 'refresh token is invalid, expired or revoked');
      }
      const issued = store.issueOAuthTokens(refresh.portalId, clientId, refresh.scopes, refresh.token);
      return tokenAnswer(issued.access, issued.refresh);
    }
    return oauthError(reply, 'BAD_GRANT_TYPE', 'grant_type must be authorization_code or refresh_token');
  };

  /** An access token's metadata, or undefined when it is unknown or expired. */
  const accessInfo = (value: string) => {
    const access = store.tokens.get(value);
    if (!access || (access.expiresAt !== undefined && access.expiresAt <= now())) return undefined;
    return {
      token: access.token,
      token_type: 'access',
      ...portalFields(access.portalId, access.clientId),
      scopes: access.scopes,
      // Private-app tokens never expire; report ten years so callers comparing lifetimes stay sane.
      expires_in: access.expiresAt === undefined ? 315_360_000 : Math.floor((access.expiresAt - now()) / 1000),
      is_private_distribution: false,
      client_id: access.clientId ?? null,
      signed_access_token: {
        appId: appIdOf(access.clientId ?? 'private'),
        appInstallId: `install-${access.portalId}`,
        audience: 'api.hubapi.com',
        expiresAt: access.expiresAt ?? now() + 315_360_000_000,
        hubId: access.portalId,
        hublet: 'na1',
        installingUserId: 1,
        isPrivateDistribution: false,
        isServiceAccount: access.kind === 'private',
        isUserLevel: false,
        newSignature: 'sandbox',
        scopeToScopeGroupPks: '',
        scopes: access.scopes.join(' '),
        signature: 'sandbox',
        trialScopeToScopeGroupPks: '',
        trialScopes: '',
        userId: 1,
      },
    };
  };
  const refreshInfo = (value: string) => {
    const refresh = store.refreshTokens.get(value);
    if (!refresh) return undefined;
    return { token: refresh.token, token_type: 'refresh', ...portalFields(refresh.portalId, refresh.clientId), scopes: refresh.scopes, client_id: refresh.clientId };
  };

  for (const base of current) {
    app.post(`${base}/token`, token);

    // RFC 7662: an unknown, expired or revoked token is `{"active": false}`; the hint only says where to look first.
    app.post(`${base}/token/introspect`, async (req, reply) => {
      const body = (req.body ?? {}) as Form;
      const clientId = client(body, reply);
      if (!clientId) return reply;
      const value = body.token ?? '';
      const order = body.token_type_hint === 'refresh_token' ? [refreshInfo, accessInfo] : [accessInfo, refreshInfo];
      for (const read of order) {
        const info = read(value);
        if (!info) continue;
        if (info.client_id !== null && info.client_id !== clientId) return { active: false };
        return { active: true, token_use: info.token_type === 'refresh' ? 'refresh_token' : 'access_token', ...info };
      }
      return { active: false };
    });

    // RFC 7009: revoking an unknown token succeeds too. Only refresh tokens are revoked (their access tokens then expire).
    app.post(`${base}/token/revoke`, async (req, reply) => {
      const body = (req.body ?? {}) as Form;
      const clientId = client(body, reply);
      if (!clientId) return reply;
      const refresh = store.refreshTokens.get(body.token ?? '');
      if (refresh && refresh.clientId === clientId) store.refreshTokens.delete(refresh.token);
      return reply.code(200).send();
    });
  }

  app.post('/oauth/v1/token', token);

  app.get('/oauth/v1/access-tokens/:token', async (req, reply) => {
    const info = accessInfo((req.params as { token: string }).token);
    if (!info) return reply.code(404).send({ status: 'error', message: 'Token not found or expired', correlationId: newCorrelationId(), category: 'OBJECT_NOT_FOUND' });
    const { client_id: _clientId, ...v1 } = info;
    return v1;
  });

  app.get('/oauth/v1/refresh-tokens/:token', async (req, reply) => {
    const info = refreshInfo((req.params as { token: string }).token);
    if (!info) return reply.code(404).send({ status: 'error', message: 'Refresh token not found', correlationId: newCorrelationId(), category: 'OBJECT_NOT_FOUND' });
    return info;
  });

  app.delete('/oauth/v1/refresh-tokens/:token', async (req, reply) => {
    store.refreshTokens.delete((req.params as { token: string }).token);
    return reply.code(204).send();
  });
}
