import crypto from 'node:crypto';
import Fastify from 'fastify';
import cookie from '@fastify/cookie';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type pino from 'pino';
import { registerAccountRoutes } from './accounts/register-account-routes.js';
import { registerAuthGate } from './accounts/auth-gate.js';
import { registerHealthRoutes } from './monitor/health-routes.js';
import { registerErrorHandling } from './platform/http/error-handler.js';
import { registerOpenApi, registerOpenApiRoute } from './platform/http/openapi.js';
import { registerSecurityHeaders } from './platform/http/security-headers.js';
import type { App, AppContext } from './platform/http/types.js';
import { loggerOptions } from './platform/logging/logger.js';

export interface BuildServerOptions {
  /** A pino destination (tests capture log lines to prove redaction). */
  logStream?: pino.DestinationStream;
}

/** Largest JSON body the API reads; anything bigger is refused with payload_too_large. */
export const bodyLimitBytes = 100 * 1024;

/** The composition root: one Fastify app built from the domain modules. */
export async function buildServer(ctx: AppContext, options: BuildServerOptions = {}): Promise<App> {
  const app = Fastify({
    logger: options.logStream ? { ...loggerOptions(ctx.config.logLevel), stream: options.logStream } : loggerOptions(ctx.config.logLevel),
    genReqId: () => `req_${crypto.randomBytes(12).toString('hex')}`,
    requestIdHeader: false,
    bodyLimit: bodyLimitBytes,
    trustProxy: ctx.config.trustProxy,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true } },
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as App;

  // Every API route declares who may call it and what it accepts; a route that does not is a bug caught at start.
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.method === 'HEAD' || route.url === '/api/openapi.json') return;
    if (route.config?.access === undefined) throw new Error(`route ${route.method} ${route.url} declares no config.access`);
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const needsBody = methods.some((m) => ['POST', 'PUT', 'PATCH'].includes(m));
    if (needsBody && !route.schema?.body && !route.config?.rawBody) throw new Error(`route ${route.method} ${route.url} has no body schema`);
  });
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(cookie);
  await registerSecurityHeaders(app, { https: ctx.config.https });
  await registerOpenApi(app);
  registerErrorHandling(app);
  registerAuthGate(app, ctx);

  registerHealthRoutes(app, ctx);
  registerAccountRoutes(app, ctx);
  registerOpenApiRoute(app);
  if (ctx.sandboxUrls) {
    const urls = ctx.sandboxUrls;
    app.get('/sandbox.json', { config: { access: 'public' } }, async () => urls);
  }
  return app;
}
