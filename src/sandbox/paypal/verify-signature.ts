import type { FastifyInstance } from 'fastify';
import { authenticate } from './auth.js';
import type { PayPalDeps } from './context.js';
import { invalidRequest } from './errors.js';
import { verify } from './signing.js';

const required = ['auth_algo', 'cert_url', 'transmission_id', 'transmission_sig', 'transmission_time', 'webhook_id', 'webhook_event'] as const;
type VerifyBody = Record<(typeof required)[number], unknown>;

/**
 * `POST /v1/notifications/verify-webhook-signature`: SUCCESS only for a delivery this stand-in
 * really made, to a webhook of the calling app, with exactly those headers and that event body.
 */
export function registerVerifySignatureRoute(app: FastifyInstance, deps: PayPalDeps) {
  app.post('/v1/notifications/verify-webhook-signature', async (req) => {
    const clientId = authenticate(deps, req);
    const body = (req.body ?? {}) as Partial<VerifyBody>;
    for (const field of required) {
      if (body[field] === undefined || body[field] === null || body[field] === '') {
        throw invalidRequest('MISSING_REQUIRED_PARAMETER', 'A required field / parameter is missing.', `/${field}`);
      }
    }
    const delivery = deps.store.deliveries.get(String(body.transmission_id));
    const webhook = delivery && deps.store.webhooks.get(delivery.webhookId);
    const event = typeof body.webhook_event === 'string' ? body.webhook_event : JSON.stringify(body.webhook_event);
    const ok =
      delivery !== undefined &&
      delivery.attempts > 0 &&
      webhook?.clientId === clientId &&
      delivery.webhookId === body.webhook_id &&
      delivery.headers['paypal-auth-algo'] === body.auth_algo &&
      delivery.headers['paypal-cert-url'] === body.cert_url &&
      delivery.headers['paypal-transmission-time'] === body.transmission_time &&
      delivery.headers['paypal-transmission-sig'] === body.transmission_sig &&
      delivery.body === event &&
      verify(delivery.transmissionId, String(body.transmission_time), String(body.webhook_id), event, String(body.transmission_sig));
    return { verification_status: ok ? 'SUCCESS' : 'FAILURE' };
  });
}
