import type { FastifyInstance } from 'fastify';
import { authenticate } from './auth.js';
import { baseUrl, type PayPalDeps } from './context.js';
import { invalidRequest, notFound, unprocessable } from './errors.js';
import { resourceId } from './ids.js';
import { saveResponse, savedResponse } from './idempotency.js';
import { parseValue } from './money.js';
import { ownedCapture } from './captures.js';
import { presentRefund } from './present.js';
import type { Capture, Refund } from './store.js';

interface RefundBody {
  amount?: { currency_code?: unknown; value?: unknown };
  invoice_id?: unknown;
  custom_id?: unknown;
  note_to_payer?: unknown;
}

const api = 'payments/v2';

function refundAmount(capture: Capture, body: RefundBody): number {
  const remaining = capture.amountMinor - capture.refundedMinor;
  if (body.amount === undefined) return remaining;
  const { currency_code: currency, value } = body.amount;
  if (currency !== capture.currency) {
    throw unprocessable('REFUND_CAPTURE_CURRENCY_MISMATCH', 'Refund must be in the same currency as the capture.', '/amount/currency_code', api);
  }
  const parsed = parseValue(value, capture.currency);
  if (!parsed.ok && parsed.issue === 'DECIMAL_PRECISION') {
    throw unprocessable('DECIMAL_PRECISION', 'If the currency supports decimals, only two decimal place precision is supported.', '/amount/value', api);
  }
  if (!parsed.ok) throw invalidRequest('INVALID_PARAMETER_SYNTAX', 'The value of a field does not conform to the expected format.', '/amount/value', String(value));
  if (parsed.minor <= 0) throw unprocessable('INVALID_PARAMETER_VALUE', 'The refund amount must be greater than zero.', '/amount/value', api);
  if (parsed.minor > remaining) {
    throw unprocessable('REFUND_AMOUNT_EXCEEDED', 'The refund amount must be less than or equal to the capture amount that has not yet been refunded.', '/amount/value', api);
  }
  return parsed.minor;
}

function refundCapture(deps: PayPalDeps, capture: Capture, body: RefundBody): Refund {
  if (capture.status === 'REFUNDED') throw unprocessable('CAPTURE_FULLY_REFUNDED', 'The capture has already been fully refunded.', undefined, api);
  if (capture.status === 'PENDING') throw unprocessable('PENDING_CAPTURE', 'Cannot initiate a refund as the capture is pending.', undefined, api);
  if (capture.status === 'DECLINED') throw unprocessable('REFUND_NOT_ALLOWED', 'Refund cannot be issued for a declined capture.', undefined, api);
  const amountMinor = refundAmount(capture, body);
  const now = deps.ctx.clock.nowMs();
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const refund: Refund = {
    id: resourceId(),
    captureId: capture.id,
    clientId: capture.clientId,
    currency: capture.currency,
    amountMinor,
    status: 'COMPLETED',
    invoiceId: str(body.invoice_id) ?? capture.invoiceId,
    customId: str(body.custom_id) ?? capture.customId,
    noteToPayer: str(body.note_to_payer),
    createdMs: now,
    updatedMs: now,
  };
  deps.store.refunds.set(refund.id, refund);
  capture.refundIds.push(refund.id);
  capture.refundedMinor += amountMinor;
  capture.status = capture.refundedMinor >= capture.amountMinor ? 'REFUNDED' : 'PARTIALLY_REFUNDED';
  capture.updatedMs = now;
  return refund;
}

/** `POST /v2/payments/captures/{id}/refund` (full without a body, partial with `amount`) and `GET /v2/payments/refunds/{id}`. */
export function registerRefundRoutes(app: FastifyInstance, deps: PayPalDeps) {
  app.post<{ Params: { id: string } }>('/v2/payments/captures/:id/refund', async (req, reply) => {
    const clientId = authenticate(deps, req);
    const saved = savedResponse(deps, clientId, req);
    if (saved) return reply.code(saved.statusCode).send(saved.body);
    const capture = ownedCapture(deps, clientId, req.params.id);
    const refund = refundCapture(deps, capture, (req.body ?? {}) as RefundBody);
    const body = presentRefund(deps, baseUrl(deps, req), refund);
    saveResponse(deps, clientId, req, 201, body);
    deps.webhooks.emit(clientId, 'PAYMENT.CAPTURE.REFUNDED', 'refund', `A ${refund.currency} capture payment was refunded`, presentRefund(deps, baseUrl(deps), refund));
    return reply.code(201).send(body);
  });

  app.get<{ Params: { id: string } }>('/v2/payments/refunds/:id', async (req) => {
    const clientId = authenticate(deps, req);
    const refund = deps.store.refunds.get(req.params.id);
    if (!refund || refund.clientId !== clientId) throw notFound(api);
    return presentRefund(deps, baseUrl(deps, req), refund);
  });
}
