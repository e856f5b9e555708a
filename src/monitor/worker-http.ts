import Fastify from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { registerErrorHandling } from '../platform/http/error-handler.js';
import { newRequestId } from '../platform/http/request-id.js';
import { logCompletedRequests, requestLogController } from '../platform/http/request-log.js';
import type { App, AppContext } from '../platform/http/types.js';
import { loggerOptions } from '../platform/logging/logger.js';
import { registerHealthRoutes } from './health-routes.js';
import { registerMetricsRoute } from './routes/metrics-route.js';

/**
 * The HTTP listener of `onepagepay worker` (it has no app server): the same `GET /metrics` route as
 * `serve` (same registry and METRICS_TOKEN rule), so the worker's own counters (sync calls, results,
 * latency; provider checks) can be scraped, and `GET /healthz` and `/readyz` for the container's
 * probes. Anything else is the API's 404.
 */
export async function startWorkerHttp(ctx: AppContext, port: number, host: string) {
  const app = Fastify({ logger: loggerOptions(ctx.config.logLevel), genReqId: newRequestId, requestIdHeader: false, logController: requestLogController() })
    .withTypeProvider<TypeBoxTypeProvider>() as unknown as App;
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  logCompletedRequests(app);
  registerErrorHandling(app);
  registerHealthRoutes(app, ctx);
  registerMetricsRoute(app, ctx);
  const address = await app.listen({ port, host });
  return { url: address, close: () => app.close() };
}
