import type { FastifyInstance } from 'fastify';
import { controlPrefix } from '../faults.js';
import { authenticate } from './auth.js';
import { baseUrl, type PayPalDeps } from './context.js';
import { PayPalError, invalidRequest } from './errors.js';
import { webhookId } from './ids.js';
import { certId, publicKeyPem } from './signing.js';
import type { Webhook } from './store.js';
import { eventTypes } from './webhook-delivery.js';

const maxWebhooksPerApp = 10;

function presentWebhook(base: string, w: Webhook) {
  const self = `${base}/v1/notifications/webhooks/${w.id}`;
  return {
    id: w.id,
    url: w.url,
    event_types: w.eventTypes.map((name) => ({
      name,
      description: name === '*' ? 'ALL' : (eventTypes as Record<string, string>)[name] ?? name,
      status: 'ENABLED',
    })),
    links: [
      { href: self, rel: 'self', method: 'GET' },
      { href: self, rel: 'update', method: 'PATCH' },
      { href: self, rel: 'delete', method: 'DELETE' },
    ],
  };
}

function ownedWebhook(deps: PayPalDeps, clientId: string, id: string): Webhook {
  const w = deps.store.webhooks.get(id);
  if (!w || w.clientId !== clientId) throw PayPalError.named(404, 'INVALID_RESOURCE_ID', 'Resource id is invalid.');
  return w;
}

/** Webhook registration (`/v1/notifications/webhooks`), the events log and the certificate URL. */
export function registerWebhookRoutes(app: FastifyInstance, deps: PayPalDeps) {
  app.post('/v1/notifications/webhooks', async (req, reply) => {
    const clientId = authenticate(deps, req);
    const body = (req.body ?? {}) as { url?: unknown; event_types?: unknown };
    if (typeof body.url !== 'string' || !/^https?:\/\/[^\s]+$/.test(body.url)) {
      throw invalidRequest('INVALID_PARAMETER_SYNTAX', 'The url must be an absolute http(s) URL.', '/url');
    }
    const types = Array.isArray(body.event_types) ? body.event_types.map((t) => (t as { name?: unknown })?.name) : [];
    if (types.length === 0 || types.some((t) => typeof t !== 'string' || !/^(\*|[A-Z_.]+)$/.test(t))) {
      throw invalidRequest('INVALID_PARAMETER_VALUE', 'event_types must list event type names (or "*").', '/event_types');
    }
    const mine = [...deps.store.webhooks.values()].filter((w) => w.clientId === clientId);
    if (mine.some((w) => w.url === body.url)) throw PayPalError.named(400, 'WEBHOOK_URL_ALREADY_EXISTS', 'Webhook URL already exists.');
    if (mine.length >= maxWebhooksPerApp) throw PayPalError.named(400, 'WEBHOOK_NUMBER_LIMIT_EXCEEDED', 'Maximum number of webhooks exceeded.');
    const webhook: Webhook = { id: webhookId(), clientId, url: body.url, eventTypes: types as string[] };
    deps.store.webhooks.set(webhook.id, webhook);
    return reply.code(201).send(presentWebhook(baseUrl(deps, req), webhook));
  });

  app.get('/v1/notifications/webhooks', async (req) => {
    const clientId = authenticate(deps, req);
    const base = baseUrl(deps, req);
    return { webhooks: [...deps.store.webhooks.values()].filter((w) => w.clientId === clientId).map((w) => presentWebhook(base, w)) };
  });

  app.get<{ Params: { id: string } }>('/v1/notifications/webhooks/:id', async (req) => {
    const clientId = authenticate(deps, req);
    return presentWebhook(baseUrl(deps, req), ownedWebhook(deps, clientId, req.params.id));
  });

  app.delete<{ Params: { id: string } }>('/v1/notifications/webhooks/:id', async (req, reply) => {
    const clientId = authenticate(deps, req);
    deps.store.webhooks.delete(ownedWebhook(deps, clientId, req.params.id).id);
    return reply.code(204).send();
  });

  app.get('/v1/notifications/webhooks-event-types', async () => ({
    event_types: Object.entries(eventTypes).map(([name, description]) => ({ name, description, status: 'ENABLED' })),
  }));

  app.get('/v1/notifications/webhooks-events', async (req) => {
    const clientId = authenticate(deps, req);
    const events = [...deps.store.events.values()].filter((e) => e.clientId === clientId).map((e) => e.body).reverse();
    return { events, count: events.length, links: [] };
  });

  app.get<{ Params: { id: string } }>('/v1/notifications/webhooks-events/:id', async (req) => {
    const clientId = authenticate(deps, req);
    const event = deps.store.events.get(req.params.id);
    if (!event || event.clientId !== clientId) throw PayPalError.named(404, 'INVALID_RESOURCE_ID', 'Resource id is invalid.');
    return event.body;
  });

  app.post<{ Params: { id: string } }>('/v1/notifications/webhooks-events/:id/resend', async (req, reply) => {
    const clientId = authenticate(deps, req);
    const event = deps.store.events.get(req.params.id);
    if (!event || event.clientId !== clientId) throw PayPalError.named(404, 'INVALID_RESOURCE_ID', 'Resource id is invalid.');
    const ids = (req.body as { webhook_ids?: string[] } | undefined)?.webhook_ids;
    deps.webhooks.resend(event.id, Array.isArray(ids) ? ids : undefined);
    return reply.code(202).send(event.body);
  });

  app.get(`/v1/notifications/certs/${certId}`, async (_req, reply) => reply.type('application/x-pem-file').send(publicKeyPem()));

  /** Sandbox-only delivery log: what was sent where, how many attempts, last answer. */
  app.get(`${controlPrefix}/paypal/webhook-deliveries`, async () => ({
    deliveries: [...deps.store.deliveries.values()].map((d) => ({
      transmissionId: d.transmissionId,
      eventId: d.eventId,
      eventType: (JSON.parse(d.body) as { event_type: string }).event_type,
      webhookId: d.webhookId,
      url: d.url,
      status: d.status,
      attempts: d.attempts,
      lastStatus: d.lastStatus,
      lastError: d.lastError,
    })),
  }));
}
