import type { FastifyInstance } from 'fastify';
import { controlPrefix } from '../faults.js';
import { authenticate } from './auth.js';
import { baseUrl, type PayPalDeps } from './context.js';
import { PayPalError, notFound, unprocessable } from './errors.js';
import { resourceId } from './ids.js';
import { saveResponse, savedResponse } from './idempotency.js';
import { ownedOrder } from './orders.js';
import { approvalUrl, presentCapture, presentOrder } from './present.js';
import type { Capture, CaptureStatus, Order, OrderUnit } from './store.js';

const statusFor = { complete: 'COMPLETED', capture_declined: 'DECLINED', pending: 'PENDING' } as const;
const eventFor = { COMPLETED: 'PAYMENT.CAPTURE.COMPLETED', DECLINED: 'PAYMENT.CAPTURE.DENIED', PENDING: 'PAYMENT.CAPTURE.PENDING' } as const;

function captureUnit(deps: PayPalDeps, order: Order, unit: OrderUnit, status: 'COMPLETED' | 'DECLINED' | 'PENDING'): Capture {
  const now = deps.ctx.clock.nowMs();
  const capture: Capture = {
    id: resourceId(),
    orderId: order.id,
    clientId: order.clientId,
    currency: unit.currency,
    amountMinor: unit.amountMinor,
    refundedMinor: 0,
    status,
    pendingReason: status === 'PENDING' ? 'PENDING_REVIEW' : undefined,
    customId: unit.customId,
    invoiceId: unit.invoiceId,
    refundIds: [],
    createdMs: now,
    updatedMs: now,
  };
  deps.store.captures.set(capture.id, capture);
  unit.captureIds.push(capture.id);
  return capture;
}

function emitCaptureEvent(deps: PayPalDeps, capture: Capture) {
  const status = capture.status as keyof typeof eventFor;
  const summary = `Payment ${status.toLowerCase()} for ${capture.amountMinor} minor units of ${capture.currency}`;
  deps.webhooks.emit(capture.clientId, eventFor[status], 'capture', summary, presentCapture(deps, baseUrl(deps), capture, true));
}

/** Captures an approved order; the test buyer who approved it decides the outcome. */
function captureOrder(deps: PayPalDeps, order: Order): Order {
  if (order.status === 'COMPLETED') {
    throw unprocessable('ORDER_ALREADY_CAPTURED', 'Order already captured. If intent=CAPTURE only one capture per order is allowed.');
  }
  if (order.status !== 'APPROVED' || !order.buyer) {
    throw unprocessable(
      'ORDER_NOT_APPROVED',
      "Payer has not yet approved the Order for payment. Please redirect the payer to the 'rel':'approve' url returned as part of the HATEOAS links within the Create Order call or provide a valid payment_source in the request.",
    );
  }
  if (order.buyer.outcome === 'instrument_declined') {
    const err = unprocessable('INSTRUMENT_DECLINED', "The instrument presented was either declined by the processor or bank, or it can't be used for this payment.");
    err.body.links.unshift({ href: approvalUrl(deps.ctx.urls.paypal, order.id), rel: 'redirect', method: 'GET' });
    throw err;
  }
  const status = statusFor[order.buyer.outcome];
  const captures = order.units.map((unit) => captureUnit(deps, order, unit, status));
  order.status = 'COMPLETED';
  order.updatedMs = deps.ctx.clock.nowMs();
  for (const capture of captures) emitCaptureEvent(deps, capture);
  return order;
}

export function ownedCapture(deps: PayPalDeps, clientId: string, id: string): Capture {
  const capture = deps.store.captures.get(id);
  if (!capture || capture.clientId !== clientId) throw notFound('payments/v2');
  return capture;
}

/** `POST /v2/checkout/orders/{id}/capture`, `GET /v2/payments/captures/{id}` and the sandbox's pending-review switches. */
export function registerCaptureRoutes(app: FastifyInstance, deps: PayPalDeps) {
  app.post<{ Params: { id: string } }>('/v2/checkout/orders/:id/capture', async (req, reply) => {
    const clientId = authenticate(deps, req);
    const saved = savedResponse(deps, clientId, req);
    if (saved) return reply.code(saved.statusCode).send(saved.body);
    const order = captureOrder(deps, ownedOrder(deps, clientId, req.params.id));
    const body = presentOrder(deps, baseUrl(deps, req), order);
    saveResponse(deps, clientId, req, 201, body);
    return reply.code(201).send(body);
  });

  app.get<{ Params: { id: string } }>('/v2/payments/captures/:id', async (req) => {
    const clientId = authenticate(deps, req);
    return presentCapture(deps, baseUrl(deps, req), ownedCapture(deps, clientId, req.params.id), true);
  });

  /** Sandbox-only: settle a capture held for review (`complete` → COMPLETED, `deny` → DECLINED). */
  app.post<{ Params: { id: string; action: string } }>(`${controlPrefix}/paypal/captures/:id/:action`, async (req) => {
    const capture = deps.store.captures.get(req.params.id);
    if (!capture) throw notFound('payments/v2');
    const next: CaptureStatus | undefined = req.params.action === 'complete' ? 'COMPLETED' : req.params.action === 'deny' ? 'DECLINED' : undefined;
    if (!next) throw PayPalError.named(404, 'RESOURCE_NOT_FOUND', 'Use complete or deny.');
    if (capture.status !== 'PENDING') throw unprocessable('CAPTURE_NOT_PENDING', 'Only a PENDING capture can be settled.', undefined, 'payments/v2');
    capture.status = next;
    capture.pendingReason = undefined;
    capture.updatedMs = deps.ctx.clock.nowMs();
    emitCaptureEvent(deps, capture);
    return presentCapture(deps, baseUrl(deps, req), capture, true);
  });
}
