import Fastify from 'fastify';
import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type pino from 'pino';
import { registerAccountRoutes } from './accounts/register-account-routes.js';
import { registerAuthGate } from './accounts/auth-gate.js';
import { registerCatalogRoutes } from './catalog/register-catalog-routes.js';
import { registerCheckoutRoutes } from './checkout/register-checkout-routes.js';
import { registerConnectionRoutes } from './connections/register-connection-routes.js';
import { registerDemoShopCreate } from './demo/routes/demo-shop-create.js';
import { registerDashboard } from './dashboard/register-dashboard.js';
import { registerHealthRoutes } from './monitor/health-routes.js';
import { registerMonitorRoutes } from './monitor/register-monitor-routes.js';
import { registerFormRoutes } from './forms/register-form-routes.js';
import { registerPaymentRoutes } from './payments/register-payment-routes.js';
import { registerProviderWebhook } from './payments/routes/provider-webhook.js';
import { registerSyncRoutes } from './sync/register-sync-routes.js';
import { registerWidgetRoutes } from './widget/register-widget-routes.js';
import { frameworkErrorHandler, registerErrorHandling } from './platform/http/error-handler.js';
import { registerInputGuard } from './platform/http/input-guard.js';
import { registerOpenApi, registerOpenApiRoute } from './platform/http/openapi.js';
import { newRequestId } from './platform/http/request-id.js';
import { registerValidators } from './platform/http/validators.js';
import { registerSecurityHeaders } from './platform/http/security-headers.js';
import { SandboxUrlsSchema } from './platform/http/schemas.js';
import type { Access, App, AppContext } from './platform/http/types.js';
import { loggerOptions } from './platform/logging/logger.js';
import { logCompletedRequests, requestLogController } from './platform/http/request-log.js';

export interface BuildServerOptions {
  /** A pino destination (tests capture log lines to prove redaction). */
  logStream?: pino.DestinationStream;
}

/** Every /api route, as registered (the authorization matrix test walks this list). */
export interface ApiRoute {
  method: string;
  url: string;
  access: Access;
  /** The route's JSON body schema, if it reads one (the fuzz test generates bodies from it). */
  bodySchema?: unknown;
}

declare module 'fastify' {
  interface FastifyInstance {
    apiRoutes: ApiRoute[];
  }
}

/** Largest JSON body the API reads; anything bigger is refused with payload_too_large. */
export const bodyLimitBytes = 100 * 1024;

/**
 * TRUST_PROXY as Fastify takes it. A hop count N trusts the N nearest hops (the socket peer and
 * the N-1 entries it appended), so the client IP is the address the outermost trusted proxy saw;
 * Fastify itself now ignores a bare number, which would silently turn the setting off.
 */
export function fastifyTrustProxy(trust: AppContext['config']['trustProxy']) {
  if (typeof trust === 'number') return (_address: string, hop: number) => hop < trust;
  return trust;
}

/** The composition root: one Fastify app built from the domain modules. */
export async function buildServer(ctx: AppContext, options: BuildServerOptions = {}): Promise<App> {
  const app = Fastify({
    logger: options.logStream ? { ...loggerOptions(ctx.config.logLevel), stream: options.logStream } : loggerOptions(ctx.config.logLevel),
    genReqId: newRequestId,
    requestIdHeader: false,
    bodyLimit: bodyLimitBytes,
    trustProxy: fastifyTrustProxy(ctx.config.trustProxy),
    frameworkErrors: frameworkErrorHandler,
    logController: requestLogController(),
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as App;

  logCompletedRequests(app);

  // Every API route declares who may call it and what it accepts; a route that does not is a bug caught at start.
  const apiRoutes: ApiRoute[] = [];
  app.decorate('apiRoutes', apiRoutes);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.method === 'HEAD' || route.method === 'OPTIONS' || route.url === '/api/openapi.json') return;
    if (route.config?.access === undefined) throw new Error(`route ${route.method} ${route.url} declares no config.access`);
    for (const method of [route.method].flat()) apiRoutes.push({ method, url: route.url, access: route.config.access, bodySchema: route.schema?.body });
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const needsBody = methods.some((m) => ['POST', 'PUT', 'PATCH'].includes(m));
    if (needsBody && !route.schema?.body && !route.config?.rawBody) throw new Error(`route ${route.method} ${route.url} has no body schema`);
  });
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  registerValidators(app);
  registerInputGuard(app);
  // Only JSON bodies are read; text/plain would otherwise reach handlers as a string.
  app.removeContentTypeParser('text/plain');
  await app.register(cookie);
  await registerSecurityHeaders(app, { https: ctx.config.https, assetOrigin: ctx.config.publicAssetUrl && new URL(ctx.config.publicAssetUrl).origin });
  await registerOpenApi(app);
  registerErrorHandling(app);
  registerAuthGate(app, ctx);

  registerHealthRoutes(app, ctx);
  registerMonitorRoutes(app, ctx);
  registerAccountRoutes(app, ctx);
  registerCatalogRoutes(app, ctx);
  registerFormRoutes(app, ctx);
  registerConnectionRoutes(app, ctx);
  registerDemoShopCreate(app, ctx);
  registerPaymentRoutes(app, ctx);
  registerSyncRoutes(app, ctx);
  registerWidgetRoutes(app, ctx);
  // The public payment API: any origin may call it, never with credentials (no cookies are read there).
  await app.register(
    async (publicApi) => {
      await publicApi.register(cors, { origin: '*', credentials: false, methods: ['GET', 'POST'], allowedHeaders: ['content-type'], maxAge: 600 });
      registerCheckoutRoutes(publicApi as unknown as App, ctx);
    },
    { prefix: '/api/public' },
  );
  await registerDashboard(app, { assetBase: ctx.config.publicAssetUrl });
  await registerProviderWebhook(app, ctx);
  registerOpenApiRoute(app);
  if (ctx.sandboxUrls) {
    const urls = ctx.sandboxUrls;
    app.get('/sandbox.json', { config: { access: 'public' }, schema: { hide: true, response: { 200: SandboxUrlsSchema } } }, async () => urls);
  }
  return app;
}
