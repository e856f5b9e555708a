import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { StripeEnv } from '../env.js';
import { resolveKey } from '../auth.js';
import { cardFramePage } from './card-frame-page.js';
import { stripeV3Script } from './stripe-v3-script.js';

/** The stand-in's own origin as the browser reaches it (Host header), falling back to its base URL. */
function originOf(req: FastifyRequest, env: StripeEnv): string {
  const host = req.headers.host;
  return host ? `${req.protocol}://${host}` : env.baseUrl();
}

/**
 * Browser stand-in for Stripe.js: `GET /v3/` (also `/v3` and `/js/v3.js`) serves the global
 * `Stripe`, `GET /v3/elements/card.html` the card fields' iframe.
 */
export function registerStripeJsRoutes(app: FastifyInstance, env: StripeEnv) {
  const script = async (req: FastifyRequest, reply: import('fastify').FastifyReply) =>
    reply
      .type('application/javascript; charset=utf-8')
      .header('cache-control', 'no-cache')
      .header('cross-origin-resource-policy', 'cross-origin')
      .send(stripeV3Script(originOf(req, env)));
  app.get('/v3', script);
  app.get('/v3/', script);
  app.get('/js/v3.js', script);

  app.get<{ Querystring: { type?: string; key?: string; frame?: string; origin?: string; methods?: string } }>('/v3/elements/card.html', async (req, reply) => {
    const { type = 'payment', key = '', frame = '', origin = '', methods = '' } = req.query;
    const parsed = resolveKey(env.store, key);
    let parentOrigin = '';
    try {
      parentOrigin = new URL(origin).origin;
    } catch {
      parentOrigin = '';
    }
    if (!parsed || parsed.kind !== 'publishable' || !parentOrigin || !/^[\w-]{1,64}$/.test(frame)) {
      return reply.code(400).type('text/plain').send('Invalid Stripe Elements frame parameters.');
    }
    return reply
      .type('text/html; charset=utf-8')
      // The card frame may be embedded anywhere (it holds no merchant data), like js.stripe.com's.
      .header('content-security-policy', "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'")
      .send(
        cardFramePage({
          publishableKey: key,
          parentOrigin,
          elementType: type === 'card' ? 'card' : 'payment',
          frameId: frame,
          // The Payment Element's tabs (the card Element is cards only); names outside the known ones are dropped.
          methods: type === 'card' ? ['card'] : methods.split(',').filter((m) => ['card', 'klarna', 'sepa_debit'].includes(m)),
        }),
      );
  });
}
