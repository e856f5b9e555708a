import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import type { SandboxContext, StandIn, StandInHandle } from '../types.js';
import { authenticate, maybeScopeOf, requestIdOf } from './auth.js';
import { apiVersion, type StripeEnv } from './env.js';
import { addedLatency } from '../faults.js';
import { checkApiVersion } from './api-version.js';
import { StripeApiError } from './errors.js';
import { createEmitter, registerEventRoutes } from './events.js';
import { registerIdempotency } from './idempotency.js';
import { StripeStore } from './store.js';
import { defaultDeliveryOptions, WebhookDeliveries, type DeliveryOptions } from './webhook-delivery.js';
import { onPaymentIntentSettled, runBilling } from './billing.js';
import { runRefundFailures } from './refund-failures.js';
import { runPendingDebits } from './local-methods.js';
import { registerBalanceTransactionRoutes, settleBalances } from './balance-transactions.js';
import { registerChargeRoutes } from './charges.js';
import { registerCustomerRoutes } from './customers.js';
import { registerInvoiceRoutes } from './invoices.js';
import { registerPaymentIntentRoutes } from './payment-intents.js';
import { registerPaymentMethodRoutes } from './payment-methods.js';
import { registerPriceRoutes } from './prices.js';
import { registerProductRoutes } from './products.js';
import { registerRefundRoutes } from './refunds.js';
import { registerDisputeRoutes } from './disputes.js';
import { registerSandboxRoutes } from './sandbox-routes.js';
import { registerSubscriptionRoutes } from './subscriptions.js';
import { registerWebhookEndpointRoutes } from './webhook-endpoints.js';
import { registerStripeJsRoutes } from './stripe-js/routes.js';

export { stripeFaultBodies } from './fault-bodies.js';
export { mintAccountKeys, parseKey, resolveKey } from './auth.js';
export { signPayload } from './webhook-signature.js';

type Access = 'secret' | 'publishable' | 'none';

/** Routes Stripe.js calls with a publishable key, and sandbox routes scoped by a secret key. */
const routeAccess: Record<string, Access> = {
  'POST /v1/payment_methods': 'publishable',
  'GET /v1/payment_intents/:id': 'publishable',
  'POST /v1/payment_intents/:id/confirm': 'publishable',
  'OPTIONS /v1/*': 'none',
  'GET /__sandbox/stripe/webhook_deliveries': 'secret',
  'POST /__sandbox/stripe/webhook_deliveries/flush': 'secret',
  'GET /__sandbox/stripe/store': 'secret',
};

function accessOf(req: FastifyRequest): Access {
  const configured = routeAccess[`${req.method} ${req.routeOptions.url}`];
  if (configured) return configured;
  return req.url.startsWith('/v1/') ? 'secret' : 'none';
}

function isCorsPath(url: string): boolean {
  return url.startsWith('/v1/') || url.startsWith('/v3') || url.startsWith('/__sandbox/stripe/3ds/');
}

/** Builds the Stripe stand-in; options let tests shorten webhook retry delays. */
export function createStripeStandIn(options: { delivery?: Partial<DeliveryOptions> } = {}): StandIn {
  return async (app: FastifyInstance, ctx: SandboxContext): Promise<StandInHandle> => {
    const store = new StripeStore();
    const deliveries = new WebhookDeliveries(ctx.clock, ctx.faults, ctx.log, { ...defaultDeliveryOptions, ...options.delivery });
    const env: StripeEnv = {
      store,
      clock: ctx.clock,
      ctx,
      emit: () => undefined,
      onPaymentIntentSettled: (scope, pi) => onPaymentIntentSettled(env, scope, pi),
      baseUrl: () => ctx.urls.stripe ?? '',
    };
    env.emit = createEmitter(env, deliveries);

    app.addHook('onSend', async (req, reply, payload) => {
      reply.header('request-id', requestIdOf(req));
      if (isCorsPath(req.url)) reply.header('access-control-allow-origin', '*');
      if (req.url.startsWith('/v1/')) reply.header('stripe-version', (req.headers['stripe-version'] as string | undefined) ?? apiVersion);
      return payload;
    });

    app.addHook('preHandler', async (req) => {
      const access = accessOf(req);
      if (access !== 'none') authenticate(req, store, access);
      const version = req.headers['stripe-version'];
      if (typeof version === 'string' && req.url.startsWith('/v1/')) checkApiVersion(version);
    });
    // The latency fault is Stripe's time: a request with an idempotency key spends it while the key
    // is in use (after it is taken), the others as soon as they arrive.
    const keyed = (req: FastifyRequest) => req.method === 'POST' && typeof req.headers['idempotency-key'] === 'string';
    app.addHook('onRequest', async (req) => {
      if (!keyed(req)) await addedLatency(ctx.faults, req);
    });
    const idempotency = registerIdempotency(app, ctx.clock);
    app.addHook('preHandler', async (req) => {
      if (keyed(req)) await addedLatency(ctx.faults, req);
    });

    app.setErrorHandler((err: FastifyError | StripeApiError, req, reply) => {
      if (err instanceof StripeApiError) {
        const body: Record<string, unknown> = { ...err.body };
        const scope = maybeScopeOf(req);
        if (err.statusCode !== 401 && body.type !== 'api_error') {
          body.request_log_url = `https://dashboard.stripe.com/${scope?.livemode ? '' : 'test/'}logs/${requestIdOf(req)}?t=${ctx.clock.nowSeconds()}`;
        }
        return reply.code(err.statusCode).headers(err.headers).send({ error: body });
      }
      const status = typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
      if (status === 500) {
        ctx.log.error({ err }, 'stripe sandbox: unexpected error');
        return reply.code(500).send({ error: { type: 'api_error', message: 'An unknown error occurred' } });
      }
      return reply.code(status === 413 ? 413 : 400).send({ error: { type: 'invalid_request_error', message: err.message } });
    });

    app.setNotFoundHandler((req, reply) => {
      reply.code(404).send({
        error: {
          type: 'invalid_request_error',
          message: `Unrecognized request URL (${req.method}: ${req.url.split('?')[0]}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
        },
      });
    });

    // Stripe.js calls the API from merchant pages: answer CORS preflights as api.stripe.com does.
    app.options('/v1/*', async (_req, reply) =>
      reply
        .code(204)
        .header('access-control-allow-methods', 'GET, POST, HEAD, OPTIONS, DELETE')
        .header('access-control-allow-headers', 'authorization, content-type, idempotency-key, stripe-version, stripe-account')
        .header('access-control-max-age', '300')
        .send(),
    );

    registerCustomerRoutes(app, env);
    registerProductRoutes(app, env);
    registerPriceRoutes(app, env);
    registerPaymentMethodRoutes(app, env);
    registerPaymentIntentRoutes(app, env);
    registerChargeRoutes(app, env);
    registerRefundRoutes(app, env);
    registerDisputeRoutes(app, env);
    registerBalanceTransactionRoutes(app);
    registerSubscriptionRoutes(app, env);
    registerInvoiceRoutes(app, env);
    registerWebhookEndpointRoutes(app, env);
    registerEventRoutes(app);
    registerSandboxRoutes(app, env, deliveries);
    registerStripeJsRoutes(app, env);

    /** What falls due with time: renewals, refunds that fail later, SEPA debits the bank answers, funds becoming available. */
    const runDue = (now: number) => {
      runBilling(env, now);
      runRefundFailures(env, now);
      runPendingDebits(env, now);
      settleBalances(env, now);
    };
    const stopClock = ctx.clock.onAdvance((now) => {
      runDue(now);
      deliveries.onClockAdvance();
    });
    // Real time moves the sandbox clock too: what falls due without an advance still happens.
    const billingTimer = setInterval(() => runDue(ctx.clock.nowMs()), 30_000);
    billingTimer.unref();

    return {
      reset() {
        store.reset();
        idempotency.reset();
        deliveries.reset();
      },
      // Deliveries still pending and idempotency keys are not kept: events stay listable, and reconciliation catches up.
      snapshot: () => store.snapshot(),
      restore: (saved) => store.restore(saved),
      close() {
        stopClock();
        clearInterval(billingTimer);
        deliveries.close();
      },
    };
  };
}

/** The Stripe stand-in as the sandbox runner registers it. */
export const stripeStandIn: StandIn = createStripeStandIn();
