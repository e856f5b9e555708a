import type { FastifyInstance } from 'fastify';
import { controlPrefix } from '../faults.js';
import { baseUrl, type PayPalDeps } from './context.js';
import { notFound, unprocessable } from './errors.js';
import { presentOrder } from './present.js';
import type { Order } from './store.js';
import { findBuyer, testBuyers } from './test-buyers.js';

/** What the buyer's "Approve" does: the order becomes APPROVED for that test buyer and CHECKOUT.ORDER.APPROVED is sent. */
export function approveOrder(deps: PayPalDeps, order: Order, buyerKey: string | undefined): Order {
  const buyer = findBuyer(buyerKey);
  if (!buyer) throw unprocessable('INVALID_PAYER', `Unknown sandbox buyer; use one of ${testBuyers.map((b) => b.key).join(', ')}.`);
  if (order.status === 'APPROVED' && order.buyer?.key === buyer.key) return order;
  if (order.status !== 'CREATED' && order.status !== 'PAYER_ACTION_REQUIRED' && order.status !== 'APPROVED') {
    throw unprocessable('ORDER_ALREADY_COMPLETED', 'The order cannot be approved because it is already completed.');
  }
  order.status = 'APPROVED';
  order.buyer = buyer;
  order.cancelledByBuyer = false;
  order.updatedMs = deps.ctx.clock.nowMs();
  deps.webhooks.emit(order.clientId, 'CHECKOUT.ORDER.APPROVED', 'checkout-order', `An order has been approved by buyer`, presentOrder(deps, baseUrl(deps), order));
  return order;
}

/** What the buyer's "Cancel" does: PayPal leaves the order as it was; the merchant only learns it through cancel_url / onCancel. */
export function cancelOrder(deps: PayPalDeps, order: Order): Order {
  if (order.status === 'CREATED' || order.status === 'PAYER_ACTION_REQUIRED') {
    order.cancelledByBuyer = true;
    order.updatedMs = deps.ctx.clock.nowMs();
  }
  return order;
}

/**
 * Sandbox-only programmatic approval, for tests and scripts that have no browser:
 * `POST /__sandbox/paypal/orders/{id}/approve {"buyer":"buyer"|"declined"|"denied"|"pending"}`
 * and `POST /__sandbox/paypal/orders/{id}/cancel`.
 */
export function registerProgrammaticApproval(app: FastifyInstance, deps: PayPalDeps) {
  const find = (id: string) => {
    const order = deps.store.orders.get(id);
    if (!order) throw notFound();
    return order;
  };
  app.post<{ Params: { id: string } }>(`${controlPrefix}/paypal/orders/:id/approve`, async (req) => {
    const buyer = (req.body as { buyer?: string } | undefined)?.buyer;
    const order = approveOrder(deps, find(req.params.id), buyer);
    return { ...presentOrder(deps, baseUrl(deps, req), order), payer_id: order.buyer?.payerId };
  });
  app.post<{ Params: { id: string } }>(`${controlPrefix}/paypal/orders/:id/cancel`, async (req) => {
    return presentOrder(deps, baseUrl(deps, req), cancelOrder(deps, find(req.params.id)));
  });
  app.get(`${controlPrefix}/paypal/buyers`, async () => ({
    buyers: testBuyers.map((b) => ({ key: b.key, email: b.email, payerId: b.payerId, outcome: b.outcome, label: b.label })),
  }));
}
