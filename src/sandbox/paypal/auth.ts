import type { FastifyInstance, FastifyRequest } from 'fastify';
import { PayPalError } from './errors.js';
import { accessToken, paypalTime } from './ids.js';
import type { PayPalDeps } from './context.js';
import type { PayPalApp } from './store.js';

/** PayPal's access tokens live about nine hours. */
export const tokenLifetimeSeconds = 32_400;

const scopes = [
  'https://uri.paypal.com/services/payments/payment',
  'https://uri.paypal.com/services/payments/refund',
  'https://uri.paypal.com/services/applications/webhooks',
  'https://uri.paypal.com/services/payments/realtimepayment',
  'openid',
].join(' ');

function parseBasic(header: string | undefined): { id: string; secret: string } | undefined {
  const match = /^Basic\s+(.+)$/i.exec(header ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

function appByCredentials(deps: PayPalDeps, header: string | undefined): PayPalApp | undefined {
  const creds = parseBasic(header);
  const app = creds && deps.store.apps.get(creds.id);
  return app && app.clientSecret === creds.secret ? app : undefined;
}

/** `POST /v1/oauth2/token`: client credentials → bearer token. */
export function registerTokenRoute(app: FastifyInstance, deps: PayPalDeps) {
  app.post('/v1/oauth2/token', async (req, reply) => {
    const merchantApp = appByCredentials(deps, req.headers.authorization);
    if (!merchantApp) return reply.code(401).send({ error: 'invalid_client', error_description: 'Client Authentication failed' });
    const grantType = (req.body as { grant_type?: string } | undefined)?.grant_type;
    if (!grantType) return reply.code(400).send({ error: 'unsupported_grant_type', error_description: 'Grant Type is NULL' });
    if (grantType !== 'client_credentials') {
      return reply.code(400).send({ error: 'unsupported_grant_type', error_description: `Grant Type ${grantType} is not supported` });
    }
    const token = accessToken();
    const now = deps.ctx.clock.nowMs();
    deps.store.tokens.set(token, { token, clientId: merchantApp.clientId, expiresAtMs: now + tokenLifetimeSeconds * 1000 });
    return {
      scope: scopes,
      access_token: token,
      token_type: 'Bearer',
      app_id: merchantApp.appId,
      expires_in: tokenLifetimeSeconds,
      nonce: `${paypalTime(now)}${accessToken().slice(5, 48)}`,
    };
  });
}

/**
 * The client id of the app behind a REST call: a live bearer token, or (as PayPal also allows)
 * Basic client credentials.
 */
export function authenticate(deps: PayPalDeps, req: FastifyRequest): string {
  const header = req.headers.authorization;
  const bearer = /^Bearer\s+(.+)$/i.exec(header ?? '')?.[1];
  if (bearer) {
    const token = deps.store.tokens.get(bearer);
    if (token && token.expiresAtMs > deps.ctx.clock.nowMs()) return token.clientId;
    throw new PayPalError('AUTHENTICATION_FAILURE', [
      { issue: 'INVALID_TOKEN', description: token ? 'The access token has expired.' : 'Access Token not found in cache.' },
    ]);
  }
  const basic = appByCredentials(deps, header);
  if (basic) return basic.clientId;
  throw new PayPalError('AUTHENTICATION_FAILURE', [{ issue: 'INVALID_AUTHORIZATION_HEADER', description: 'A valid Authorization header is required.' }]);
}
