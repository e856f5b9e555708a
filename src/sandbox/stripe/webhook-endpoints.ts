import type { FastifyInstance } from 'fastify';
import { scopeOf } from './auth.js';
import type { StripeEnv } from './env.js';
import { isLocalHost } from '../../platform/http/local-hosts.js';
import { checkApiVersion } from './api-version.js';
import { invalidRequest, resourceMissing } from './errors.js';
import { render, renderList } from './expand.js';
import { newId, randomToken } from './ids.js';
import { listPage } from './list.js';
import type { WebhookEndpoint } from './objects.js';
import { allowOnly, applyMetadata, bool, expandList, readParams, str, stringList, type Params } from './params.js';

function enabledEvents(params: Params, required: boolean): string[] | undefined {
  const events = stringList(params, 'enabled_events');
  if (!events || events.length === 0) {
    if (required) throw invalidRequest('Missing required param: enabled_events.', { code: 'parameter_missing', param: 'enabled_events' });
    return undefined;
  }
  return events;
}

const apiVersionParam = (value: string | undefined) => (value === undefined ? null : checkApiVersion(value, 'api_version'));

const notPublic = 'Invalid URL: URL must be publicly accessible. Consider using a tool like the Stripe CLI to test webhooks locally: https://github.com/stripe/stripe-cli';

/**
 * Stripe's rules for a webhook endpoint's URL: http(s) (https in live mode), reachable from the
 * internet. Local addresses pass only while the sandbox forwards to them (store.localWebhooks).
 */
function checkUrl(url: string, livemode: boolean, localWebhooks: boolean): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalidRequest(`Invalid URL: ${url}`, { param: 'url', code: 'url_invalid' });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw invalidRequest(`Invalid URL: ${url}`, { param: 'url', code: 'url_invalid' });
  if (localWebhooks) return url;
  if (isLocalHost(parsed.hostname)) throw invalidRequest(notPublic, { param: 'url', code: 'url_invalid' });
  if (livemode && parsed.protocol !== 'https:') throw invalidRequest('Invalid URL: live mode webhook endpoints must use HTTPS.', { param: 'url', code: 'url_invalid' });
  return url;
}

/** Webhook endpoints: create (the only answer that shows `secret`), retrieve, update, list, delete. */
export function registerWebhookEndpointRoutes(app: FastifyInstance, env: StripeEnv) {
  app.post('/v1/webhook_endpoints', async (req) => {
    const scope = scopeOf(req);
    const params = readParams(req);
    allowOnly(params, ['url', 'enabled_events', 'description', 'metadata', 'api_version', 'connect', 'expand']);
    const endpoint: WebhookEndpoint = {
      id: newId('we'),
      object: 'webhook_endpoint',
      api_version: apiVersionParam(str(params, 'api_version')),
      application: null,
      created: env.clock.nowSeconds(),
      description: str(params, 'description') ?? null,
      enabled_events: enabledEvents(params, true)!,
      livemode: scope.livemode,
      metadata: applyMetadata({}, params.metadata),
      status: 'enabled',
      url: checkUrl(str(params, 'url', true), scope.livemode, env.store.localWebhooks),
    };
    const secret = `whsec_${randomToken(32)}`;
    scope.data.webhookEndpoints.set(endpoint.id, endpoint);
    scope.data.webhookSecrets.set(endpoint.id, secret);
    return { ...render(scope, endpoint, expandList(params)), secret };
  });

  app.get('/v1/webhook_endpoints', async (req) => {
    const scope = scopeOf(req);
    const params = readParams(req);
    allowOnly(params, ['limit', 'starting_after', 'ending_before', 'expand']);
    return renderList(scope, listPage(scope.data.webhookEndpoints.values(), params, '/v1/webhook_endpoints'), expandList(params));
  });

  const find = (req: { params: { id: string } }, data: ReturnType<typeof scopeOf>['data']) => {
    const endpoint = data.webhookEndpoints.get(req.params.id);
    if (!endpoint) throw resourceMissing('webhook_endpoint', req.params.id, 'webhook_endpoint');
    return endpoint;
  };

  app.get<{ Params: { id: string } }>('/v1/webhook_endpoints/:id', async (req) => {
    const scope = scopeOf(req);
    return render(scope, find(req, scope.data), expandList(readParams(req)));
  });

  app.post<{ Params: { id: string } }>('/v1/webhook_endpoints/:id', async (req) => {
    const scope = scopeOf(req);
    const endpoint = find(req, scope.data);
    const params = readParams(req);
    allowOnly(params, ['url', 'enabled_events', 'description', 'metadata', 'disabled', 'expand']);
    const url = str(params, 'url');
    if (url) endpoint.url = checkUrl(url, scope.livemode, env.store.localWebhooks);
    endpoint.enabled_events = enabledEvents(params, false) ?? endpoint.enabled_events;
    if (params.description !== undefined) endpoint.description = str(params, 'description') ?? null;
    endpoint.metadata = applyMetadata(endpoint.metadata, params.metadata);
    const disabled = bool(params, 'disabled');
    if (disabled !== undefined) endpoint.status = disabled ? 'disabled' : 'enabled';
    return render(scope, endpoint, expandList(params));
  });

  app.delete<{ Params: { id: string } }>('/v1/webhook_endpoints/:id', async (req) => {
    const scope = scopeOf(req);
    const endpoint = find(req, scope.data);
    scope.data.webhookEndpoints.delete(endpoint.id);
    scope.data.webhookSecrets.delete(endpoint.id);
    return { id: endpoint.id, object: 'webhook_endpoint', deleted: true };
  });
}

