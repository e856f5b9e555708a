import type { FastifyInstance } from 'fastify';
import { authenticate } from './auth.js';
import { baseUrl, type PayPalDeps } from './context.js';
import { notFound } from './errors.js';
import { resourceId } from './ids.js';
import { saveResponse, savedResponse } from './idempotency.js';
import { parseCreateOrder } from './order-request.js';
import { presentOrder } from './present.js';
import type { Order } from './store.js';

/** An order of the calling app, or PayPal's 404 (another merchant's order does not exist for you). */
export function ownedOrder(deps: PayPalDeps, clientId: string, id: string): Order {
  const order = deps.store.orders.get(id);
  if (!order || order.clientId !== clientId) throw notFound();
  return order;
}

/** Orders v2: `POST /v2/checkout/orders` and `GET /v2/checkout/orders/{id}`. */
export function registerOrderRoutes(app: FastifyInstance, deps: PayPalDeps) {
  app.post('/v2/checkout/orders', async (req, reply) => {
    const clientId = authenticate(deps, req);
    const saved = savedResponse(deps, clientId, req);
    if (saved) return reply.code(saved.statusCode).send(saved.body);

    const input = parseCreateOrder(req.body);
    const now = deps.ctx.clock.nowMs();
    const order: Order = {
      id: resourceId(),
      clientId,
      intent: 'CAPTURE',
      status: input.payerActionFlow ? 'PAYER_ACTION_REQUIRED' : 'CREATED',
      units: input.units,
      payerActionFlow: input.payerActionFlow,
      returnUrl: input.returnUrl,
      cancelUrl: input.cancelUrl,
      brandName: input.brandName,
      cancelledByBuyer: false,
      createdMs: now,
      updatedMs: now,
    };
    deps.store.orders.set(order.id, order);
    const body = presentOrder(deps, baseUrl(deps, req), order);
    saveResponse(deps, clientId, req, 201, body);
    return reply.code(201).send(body);
  });

  app.get<{ Params: { id: string } }>('/v2/checkout/orders/:id', async (req) => {
    const clientId = authenticate(deps, req);
    return presentOrder(deps, baseUrl(deps, req), ownedOrder(deps, clientId, req.params.id));
  });
}
