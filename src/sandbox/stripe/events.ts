import type { FastifyInstance } from 'fastify';
import { scopeOf } from './auth.js';
import { apiVersion, type Scope, type StripeEnv } from './env.js';
import { resourceMissing } from './errors.js';
import { render, renderList } from './expand.js';
import { newId } from './ids.js';
import { createdFilter, listPage } from './list.js';
import type { StripeEvent, StripeObject } from './objects.js';
import { allowOnly, expandList, readParams, str, stringList } from './params.js';
import type { WebhookDeliveries } from './webhook-delivery.js';

/** Records an event (a snapshot of the object as it is now) and hands it to webhook delivery. */
export function createEmitter(env: Pick<StripeEnv, 'clock'>, deliveries: WebhookDeliveries) {
  return (scope: Scope, type: string, object: StripeObject, previous?: Record<string, unknown>): void => {
    const event: StripeEvent = {
      id: newId('evt'),
      object: 'event',
      api_version: apiVersion,
      created: env.clock.nowSeconds(),
      data: previous ? { object: structuredClone(object), previous_attributes: previous } : { object: structuredClone(object) },
      livemode: scope.livemode,
      pending_webhooks: 0,
      request: { id: scope.requestId, idempotency_key: scope.idempotencyKey },
      type,
    };
    scope.data.events.set(event.id, event);
    deliveries.enqueue(scope.data, event);
  };
}

/** `GET /v1/events` and `GET /v1/events/:id`. */
export function registerEventRoutes(app: FastifyInstance) {
  app.get('/v1/events', async (req) => {
    const scope = scopeOf(req);
    const params = readParams(req);
    allowOnly(params, ['limit', 'starting_after', 'ending_before', 'type', 'types', 'created', 'expand', 'delivery_success']);
    const type = str(params, 'type');
    const types = stringList(params, 'types');
    const inCreated = createdFilter(params);
    const matchesType = (t: string) => {
      if (types) return types.includes(t);
      if (!type) return true;
      // Stripe accepts one wildcard, e.g. `payment_intent.*`.
      return type.endsWith('.*') ? t.startsWith(type.slice(0, -1)) : t === type;
    };
    const events = [...scope.data.events.values()].filter((e) => matchesType(e.type) && inCreated(e.created));
    return renderList(scope, listPage(events, params, '/v1/events'), expandList(params));
  });

  app.get<{ Params: { id: string } }>('/v1/events/:id', async (req) => {
    const scope = scopeOf(req);
    const event = scope.data.events.get(req.params.id);
    if (!event) throw resourceMissing('event', req.params.id);
    return render(scope, event, expandList(readParams(req)));
  });
}
