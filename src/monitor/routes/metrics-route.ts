import crypto from 'node:crypto';
import { AppError } from '../../platform/http/errors.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { appMetrics } from '../metrics.js';

const sameSecret = (a: string, b: string) => {
  const x = crypto.createHash('sha256').update(a).digest();
  const y = crypto.createHash('sha256').update(b).digest();
  return crypto.timingSafeEqual(x, y);
};

/**
 * GET /metrics — Prometheus text format: provider up/down gauges (read from the stored checks, so
 * every instance answers the same), check latency, process metrics, and what other modules register.
 * With METRICS_TOKEN set, only `Authorization: Bearer <token>` gets an answer; outside sandbox mode
 * the token is required (without it the route answers 403), so production metrics are never public. `onepagepay worker`
 * serves this same route on its own port (src/monitor/worker-http.ts).
 */
export function registerMetricsRoute(app: App, ctx: AppContext) {
  app.get('/metrics', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
    const token = ctx.config.metricsToken;
    if (!token && !ctx.config.sandbox) {
      throw new AppError('forbidden', 'GET /metrics is off outside sandbox mode until METRICS_TOKEN is set; then send it as a bearer token.');
    }
    if (token) {
      const given = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? '';
      if (!sameSecret(given, token)) {
        reply.header('www-authenticate', 'Bearer');
        throw new AppError('unauthenticated', 'GET /metrics needs the METRICS_TOKEN bearer token.');
      }
    }
    const { registry } = appMetrics(ctx);
    return reply.header('content-type', registry.contentType).header('cache-control', 'no-store').send(await registry.metrics());
  });
}
