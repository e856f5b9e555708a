import type { FastifyInstance } from 'fastify';
import type { FaultBodies } from '../faults.js';
import type { StandIn } from '../types.js';
import { registerApprovalPage } from './approval-page.js';
import { registerProgrammaticApproval } from './approval.js';
import { registerAppRoutes } from './apps.js';
import { registerTokenRoute } from './auth.js';
import { registerCaptureRoutes } from './captures.js';
import { baseUrl, type PayPalDeps } from './context.js';
import { installErrorHandler, invalidRequest, paypalFaultBodies as bodies } from './errors.js';
import { registerOrderRoutes } from './orders.js';
import { registerOrderUpdateRoute } from './order-update.js';
import { registerPayPalJs } from './paypal-js.js';
import { registerRefundRoutes } from './refunds.js';
import { restoreInto } from '../state-file.js';
import { PayPalStore } from './store.js';
import { registerVerifySignatureRoute } from './verify-signature.js';
import { createWebhookDispatcher } from './webhook-delivery.js';
import { registerWebhookRoutes } from './webhooks.js';

export const paypalFaultBodies: FaultBodies = bodies;

/** PayPal clients post `{}` or nothing at all to capture; an empty JSON body is not an error here. */
function tolerantJson(app: FastifyInstance) {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    const text = String(body).trim();
    if (text === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      done(invalidRequest('MALFORMED_REQUEST_JSON', 'The request JSON is not well formed.'), undefined);
    }
  });
}

/**
 * The PayPal stand-in: OAuth client credentials, Orders v2, captures, refunds, webhooks and
 * their verification, the buyer's approval page and the JS SDK (see docs/sandbox-paypal.md).
 */
export const paypalStandIn: StandIn = async (app, ctx) => {
  const store = new PayPalStore();
  const deps: PayPalDeps = { store, ctx, webhooks: undefined as never };
  deps.webhooks = createWebhookDispatcher(store, ctx, () => baseUrl(deps));

  tolerantJson(app);
  installErrorHandler(app);
  app.addHook('onSend', async (_req, reply) => {
    if (!reply.hasHeader('paypal-debug-id')) reply.header('paypal-debug-id', Math.random().toString(16).slice(2, 15));
  });

  registerAppRoutes(app, deps);
  registerTokenRoute(app, deps);
  registerOrderRoutes(app, deps);
  registerOrderUpdateRoute(app, deps);
  registerCaptureRoutes(app, deps);
  registerRefundRoutes(app, deps);
  registerProgrammaticApproval(app, deps);
  registerApprovalPage(app, deps);
  registerWebhookRoutes(app, deps);
  registerVerifySignatureRoute(app, deps);
  registerPayPalJs(app, deps);

  return {
    close: () => deps.webhooks.close(),
    reset: () => store.reset(),
    snapshot: () => ({ ...store }),
    restore: (saved) => restoreInto(store, saved),
  };
};
