import type { FastifyRequest } from 'fastify';
import type { SandboxContext } from '../types.js';
import type { PayPalStore } from './store.js';
import type { WebhookDispatcher } from './webhook-delivery.js';

/** What every PayPal route module receives. */
export interface PayPalDeps {
  store: PayPalStore;
  ctx: SandboxContext;
  webhooks: WebhookDispatcher;
}

/** The stand-in's own base URL (links in bodies point back at it, as PayPal's point at api-m.paypal.com). */
export function baseUrl(deps: PayPalDeps, req?: FastifyRequest): string {
  if (deps.ctx.urls.paypal) return deps.ctx.urls.paypal;
  return req ? `${req.protocol}://${req.headers.host}` : '';
}
