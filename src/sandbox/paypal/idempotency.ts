import type { FastifyRequest } from 'fastify';
import type { PayPalDeps } from './context.js';

/** PayPal keeps `PayPal-Request-Id` for orders about six hours; the sandbox uses its clock for that. */
export const requestIdLifetimeMs = 6 * 60 * 60 * 1000;

function keyOf(clientId: string, req: FastifyRequest): string | undefined {
  const requestId = req.headers['paypal-request-id'];
  if (typeof requestId !== 'string' || requestId === '') return undefined;
  return `${clientId} ${req.method} ${req.url.split('?')[0]} ${requestId}`;
}

/** The response saved for this request's `PayPal-Request-Id`, if one is still kept. */
export function savedResponse(deps: PayPalDeps, clientId: string, req: FastifyRequest) {
  const key = keyOf(clientId, req);
  if (!key) return undefined;
  const saved = deps.store.idempotency.get(key);
  if (!saved) return undefined;
  if (saved.expiresAtMs <= deps.ctx.clock.nowMs()) {
    deps.store.idempotency.delete(key);
    return undefined;
  }
  return saved;
}

/** Saves a successful response so a retry with the same `PayPal-Request-Id` gets it again (errors are not saved). */
export function saveResponse(deps: PayPalDeps, clientId: string, req: FastifyRequest, statusCode: number, body: unknown): void {
  const key = keyOf(clientId, req);
  if (!key) return;
  deps.store.idempotency.set(key, { expiresAtMs: deps.ctx.clock.nowMs() + requestIdLifetimeMs, statusCode, body });
}
