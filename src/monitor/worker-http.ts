import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { newRequestId } from '../platform/http/request-id.js';
import type { AppContext } from '../platform/http/types.js';
import { appMetrics } from './metrics.js';
import { metricsAllowed, metricsRefusal } from './routes/metrics-route.js';

/**
 * The HTTP listener of `onepagepay worker` (it has no app server): `GET /metrics`, the same
 * registry and METRICS_TOKEN rule as `serve`, so the worker's own counters (sync calls, results,
 * latency; provider checks) can be scraped; and `GET /healthz` for the container's liveness probe.
 * Anything else is 404. Errors have the API's error body.
 */
export async function startWorkerHttp(ctx: AppContext, port: number, host: string) {
  const server = http.createServer((req, res) => {
    const requestId = newRequestId();
    const send = (status: number, type: string, body: string, headers: Record<string, string> = {}) =>
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-request-id': requestId, ...headers }).end(req.method === 'HEAD' ? undefined : body);
    const error = (status: number, code: string, message: string, headers?: Record<string, string>) =>
      send(status, 'application/json; charset=utf-8', JSON.stringify({ error: { code, message, requestId } }), headers);
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') return error(404, 'not_found', 'Route not found.');
    if (path === '/healthz') return send(200, 'application/json; charset=utf-8', JSON.stringify({ status: 'ok' }));
    if (path !== '/metrics') return error(404, 'not_found', 'Route not found.');
    if (!metricsAllowed(ctx, req.headers.authorization)) return error(401, 'unauthenticated', metricsRefusal, { 'www-authenticate': 'Bearer' });
    const { registry } = appMetrics(ctx);
    registry.metrics().then(
      (text) => send(200, registry.contentType, text),
      () => error(500, 'internal', 'The metrics could not be read.'),
    );
  });
  server.listen(port, host);
  await once(server, 'listening');
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections(); // a scraper's kept-alive connection must not hold the shutdown
      }),
  };
}
