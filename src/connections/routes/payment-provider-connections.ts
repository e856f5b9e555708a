import { Type } from '@sinclair/typebox';
import { member } from '../../accounts/auth-gate.js';
import { ModeSchema, NoBody } from '../../accounts/schemas.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { providerNames, type PaymentProviderAdapter } from '../../providers/payment-provider.js';
import { connectPaymentProvider, connectSandboxPaymentProvider, disconnectPaymentProvider } from '../connect-payment-provider.js';
import { ConnectionStateSchema } from '../schemas.js';

const Params = Type.Object({ mode: ModeSchema });

/**
 * A payment provider's connection routes, the same for every registered provider (its adapter
 * gives the credentials body):
 * - PUT /api/v1/connections/<provider>/:mode — connects with the merchant's credentials; reconnecting replaces them and the webhook;
 * - DELETE /api/v1/connections/<provider>/:mode — removes the webhook at the provider and the stored credentials (204 also when not connected);
 * - POST /api/v1/connections/<provider>/:mode/sandbox — one step: a fresh account at the provider's stand-in, connected (sandbox mode only).
 */
export function registerPaymentProviderConnections(app: App, ctx: AppContext, adapter: PaymentProviderAdapter) {
  const base = `/api/v1/connections/${adapter.name}/:mode`;
  const name = providerNames[adapter.name];
  const who = (request: Parameters<typeof member>[0]) => {
    const me = member(request);
    return { accountId: me.accountId, userId: me.userId, ip: request.ip, log: request.log };
  };

  app.put(
    base,
    {
      config: { access: 'admin' },
      schema: { tags: ['connections'], summary: `Connect ${name}`, params: Params, body: adapter.connector.credentialsBody, response: { 200: ConnectionStateSchema } },
    },
    // In sandbox mode every provider is the stand-in; otherwise only the provider's real API.
    async (request) => connectPaymentProvider(ctx, adapter, { ...who(request), mode: request.params.mode, credentials: request.body, sandbox: ctx.sandboxUrls !== undefined }),
  );

  app.delete(
    base,
    { config: { access: 'admin' }, schema: { tags: ['connections'], summary: `Disconnect ${name}`, params: Params, response: { 204: Type.Null() } } },
    async (request, reply) => {
      await disconnectPaymentProvider(ctx, adapter, { ...who(request), mode: request.params.mode });
      return reply.code(204).send(null);
    },
  );

  app.post(
    `${base}/sandbox`,
    {
      config: { access: 'admin' },
      schema: { tags: ['connections'], summary: `Connect a sandbox ${name} account`, params: Params, body: NoBody, response: { 201: ConnectionStateSchema } },
    },
    async (request, reply) => reply.code(201).send(await connectSandboxPaymentProvider(ctx, adapter, { ...who(request), mode: request.params.mode })),
  );
}
