import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { newCorrelationId } from './errors.js';
import type { AuthCode, HubSpotStore } from './store.js';

/** Auth codes live ten minutes of sandbox time and are single use. */
const codeLifetimeMs = 10 * 60 * 1000;
const appIdOf = (clientId: string) => Number.parseInt(clientId.replace(/[^0-9a-f]/gi, '').slice(0, 6) || '1', 16) % 10_000_000;

/** HubSpot's OAuth errors are `{status:"BAD_…", message, correlationId}` with HTTP 400. */
function oauthError(reply: FastifyReply, status: string, message: string) {
  return reply.code(400).send({ status, message, correlationId: newCorrelationId() });
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

/** The token endpoint (`POST /oauth/v1/token`, form-encoded) and token introspection. */
export async function registerOAuthTokenRoutes(app: FastifyInstance, store: HubSpotStore) {
  app.post('/oauth/v1/token', async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, string | undefined>;
    const clientId = body.client_id ?? '';
    if (!clientId) return oauthError(reply, 'BAD_CLIENT_ID', 'missing or unknown client id');
    const registered = store.apps.get(clientId);
    if (!body.client_secret || (registered !== undefined && registered !== body.client_secret)) {
      return oauthError(reply, 'BAD_CLIENT_SECRET', 'missing or invalid client secret');
    }
    const answer = (access: { token: string }, refresh: { token: string }) => ({
      token_type: 'bearer',
      refresh_token: refresh.token,
      access_token: access.token,
      expires_in: 1800,
    });

    if (body.grant_type === 'authorization_code') {
      const code = store.authCodes.get(body.code ?? '');
      if (!code || code.expiresAt <= store.clock.nowMs() || code.clientId !== clientId) {
        return oauthError(reply, 'BAD_AUTH_CODE', 'missing or unknown auth code');
      }
      if (code.redirectUri !== body.redirect_uri) return oauthError(reply, 'BAD_REDIRECT_URI', 'redirect_uri does not match the one authorized');
      store.authCodes.delete(code.code);
      const { access, refresh } = store.issueOAuthTokens(code.portalId, clientId, code.scopes);
      return answer(access, refresh);
    }
    if (body.grant_type === 'refresh_token') {
      const refresh = store.refreshTokens.get(body.refresh_token ?? '');
      if (!refresh || refresh.clientId !== clientId || !store.portals.has(refresh.portalId)) {
        return oauthError(reply, 'BAD_REFRESH_TOKEN', 'missing or unknown refresh token');
      }
      const issued = store.issueOAuthTokens(refresh.portalId, clientId, refresh.scopes, refresh.token);
      return answer(issued.access, issued.refresh);
    }
    return oauthError(reply, 'BAD_GRANT_TYPE', 'grant_type must be authorization_code or refresh_token');
  });

  app.get('/oauth/v1/access-tokens/:token', async (req, reply) => {
    const token = store.tokens.get((req.params as { token: string }).token);
    const now = store.clock.nowMs();
    if (!token || (token.expiresAt !== undefined && token.expiresAt <= now)) {
      return reply.code(404).send({ status: 'error', message: 'Token not found or expired', correlationId: newCorrelationId(), category: 'OBJECT_NOT_FOUND' });
    }
    return {
      token: token.token,
      user: 'sandbox-user@example.com',
      hub_domain: `sandbox-${token.portalId}.example.com`,
      scopes: token.scopes,
      hub_id: token.portalId,
      app_id: appIdOf(token.clientId ?? 'private'),
      // Private-app tokens never expire; report ten years so callers comparing lifetimes stay sane.
      expires_in: token.expiresAt === undefined ? 315_360_000 : Math.floor((token.expiresAt - now) / 1000),
      user_id: 1,
      token_type: 'access',
    };
  });

  app.get('/oauth/v1/refresh-tokens/:token', async (req, reply) => {
    const refresh = store.refreshTokens.get((req.params as { token: string }).token);
    if (!refresh) return reply.code(404).send({ status: 'error', message: 'Refresh token not found', correlationId: newCorrelationId(), category: 'OBJECT_NOT_FOUND' });
    return {
      token: refresh.token,
      user: 'sandbox-user@example.com',
      hub_domain: `sandbox-${refresh.portalId}.example.com`,
      scopes: refresh.scopes,
      hub_id: refresh.portalId,
      client_id: refresh.clientId,
      user_id: 1,
      token_type: 'refresh',
    };
  });

  app.delete('/oauth/v1/refresh-tokens/:token', async (req, reply) => {
    store.refreshTokens.delete((req.params as { token: string }).token);
    return reply.code(204).send();
  });
}
