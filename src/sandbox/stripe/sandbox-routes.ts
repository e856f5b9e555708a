import type { FastifyInstance, FastifyRequest } from 'fastify';
import { mintAccountKeys, scopeOf } from './auth.js';
import type { StripeEnv } from './env.js';
import { invalidRequest, resourceMissing } from './errors.js';
import { render } from './expand.js';
import { backgroundScope } from './env.js';
import { completeNextAction, returnUrlOf } from './confirm.js';
import { StripeApiError } from './errors.js';
import type { WebhookDeliveries } from './webhook-delivery.js';
import { testActionPage } from './stripe-js/test-action-page.js';

/** Sandbox-only routes under `/__sandbox/stripe` (never subject to faults): accounts, 3-D Secure, deliveries. */
export function registerSandboxRoutes(app: FastifyInstance, env: StripeEnv, deliveries: WebhookDeliveries) {
  /** Mints a fresh sandbox account's keys: independent random values (any other well-formed `sk_test_<x>` / `pk_test_<x>` pair is an ad-hoc account `<x>`). */
  app.post('/__sandbox/stripe/accounts', async (_req, reply) => {
    return reply.code(201).send(mintAccountKeys(env.store));
  });

  const locate = (id: string, clientSecret: unknown) => {
    const found = env.store.findPaymentIntent(id);
    if (!found) throw resourceMissing('payment_intent', id, 'intent');
    if (clientSecret !== found.pi.client_secret) {
      throw invalidRequest('The client_secret provided does not match the client_secret associated with the PaymentIntent.', { param: 'client_secret' });
    }
    return found;
  };

  /** The buyer's answer (`{client_secret, result: 'succeed' | 'fail'}`) to a 3-D Secure challenge, or on a redirect method's page. */
  const answer = async (req: FastifyRequest<{ Params: { id: string } }>) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const { data, pi } = locate(req.params.id, body.client_secret);
    const result = body.result === 'fail' ? 'fail' : body.result === 'succeed' ? 'succeed' : undefined;
    if (!result) throw invalidRequest("result must be 'succeed' or 'fail'", { param: 'result' });
    const scope = { ...backgroundScope(data), requestId: null };
    try {
      completeNextAction(env, scope, pi, result);
    } catch (err) {
      if (!(err instanceof StripeApiError) || err.statusCode !== 402) throw err;
    }
    const out = render(scope, pi);
    delete (out as Record<string, unknown>).metadata;
    delete (out as Record<string, unknown>).customer;
    return out;
  };
  app.post<{ Params: { id: string } }>('/__sandbox/stripe/3ds/:id', answer);
  app.post<{ Params: { id: string } }>('/__sandbox/stripe/redirect/:id', answer);

  /** The challenge page: shown in a modal by the Stripe.js stand-in, or as a full page for `redirect_to_url`. */
  app.get<{ Params: { id: string; mode: string }; Querystring: { client_secret?: string } }>('/__sandbox/stripe/3ds/:id/:mode', async (req, reply) => {
    const { pi } = locate(req.params.id, req.query.client_secret);
    const returnUrl = req.params.mode === 'redirect' ? (returnUrlOf(pi) ?? null) : null;
    return reply.type('text/html; charset=utf-8').send(testActionPage({ kind: '3ds', pi, returnUrl }));
  });

  /** A redirect-based method's page (Klarna's, in test mode): the buyer authorizes or fails the payment, then returns to `return_url`. */
  app.get<{ Params: { id: string }; Querystring: { client_secret?: string } }>('/__sandbox/stripe/redirect/:id', async (req, reply) => {
    const { pi } = locate(req.params.id, req.query.client_secret);
    return reply.type('text/html; charset=utf-8').send(testActionPage({ kind: 'redirect', pi, returnUrl: returnUrlOf(pi) ?? null }));
  });

  /** Webhook delivery attempts of the calling account (secret key), newest last. */
  app.get('/__sandbox/stripe/webhook_deliveries', async (req) => {
    const scope = scopeOf(req);
    const q = req.query as { event?: string; endpoint?: string };
    const data = deliveries
      .list({ account: scope.data.account, livemode: scope.livemode })
      .filter((d) => (!q.event || d.eventId === q.event) && (!q.endpoint || d.endpointId === q.endpoint));
    return { object: 'list', data };
  });

  /** Attempts every pending delivery now, and answers once they are done. */
  app.post('/__sandbox/stripe/webhook_deliveries/flush', async () => {
    await deliveries.flush();
    return { flushed: true };
  });

  /** Everything the stand-in holds for the calling account, as JSON (proves what is and is not stored). */
  /** Stand-in settings: `localWebhooks` (default true) lets webhook endpoints point at local addresses, which Stripe refuses. */
  app.put('/__sandbox/stripe/settings', async (req) => {
    const body = (req.body ?? {}) as { localWebhooks?: unknown };
    if (body.localWebhooks !== undefined) {
      if (typeof body.localWebhooks !== 'boolean') throw invalidRequest('localWebhooks must be true or false', { param: 'localWebhooks' });
      env.store.localWebhooks = body.localWebhooks;
    }
    return { localWebhooks: env.store.localWebhooks };
  });

  app.get('/__sandbox/stripe/store', async (req, reply) => {
    const scope = scopeOf(req);
    return reply.type('application/json').send(env.store.dump(scope.data.account));
  });
}
