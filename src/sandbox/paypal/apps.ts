import type { FastifyInstance } from 'fastify';
import { controlPrefix } from '../faults.js';
import type { PayPalDeps } from './context.js';
import { accountId, appId, clientId, clientSecret } from './ids.js';
import type { PayPalApp } from './store.js';

interface CreateAppBody {
  name?: string;
  clientId?: string;
  clientSecret?: string;
  merchantEmail?: string;
}

/**
 * Sandbox-only: `POST /__sandbox/paypal/apps` creates a REST app (client id and secret) for a
 * merchant, as the PayPal developer dashboard does. Passing `clientId` and `clientSecret`
 * re-creates an app with credentials a product already stored (the stand-in keeps no disk state).
 */
export function registerAppRoutes(app: FastifyInstance, deps: PayPalDeps) {
  app.post(`${controlPrefix}/paypal/apps`, async (req, reply) => {
    const body = (req.body ?? {}) as CreateAppBody;
    if ((body.clientId === undefined) !== (body.clientSecret === undefined)) {
      return reply.code(400).send({ error: 'invalid_request', error_description: 'give both clientId and clientSecret, or neither' });
    }
    const existing = body.clientId ? deps.store.apps.get(body.clientId) : undefined;
    if (existing) {
      if (existing.clientSecret !== body.clientSecret) {
        return reply.code(409).send({ error: 'conflict', error_description: 'an app with this clientId exists with another secret' });
      }
      return reply.code(200).send(present(existing));
    }
    const merchantId = accountId();
    const created: PayPalApp = {
      appId: appId(),
      name: body.name ?? 'OnePagePay sandbox app',
      clientId: body.clientId ?? clientId(),
      clientSecret: body.clientSecret ?? clientSecret(),
      merchantId,
      merchantEmail: body.merchantEmail ?? `merchant-${merchantId.toLowerCase()}@business.sandbox.paypal.example`,
    };
    deps.store.apps.set(created.clientId, created);
    return reply.code(201).send(present(created));
  });

  app.get(`${controlPrefix}/paypal/apps`, async () => ({ apps: [...deps.store.apps.values()].map(present) }));
}

const present = (a: PayPalApp) => ({
  appId: a.appId,
  name: a.name,
  clientId: a.clientId,
  clientSecret: a.clientSecret,
  merchantId: a.merchantId,
  merchantEmail: a.merchantEmail,
});
