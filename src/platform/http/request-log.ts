import { LogController, type FastifyInstance } from 'fastify';

/**
 * One log line per answered request: method, route pattern, status, duration; the request id comes
 * from the request's logger. The route pattern, not the URL: paths and query strings can carry
 * emails and tokens. Fastify's own request lines are turned off (requestLogController): they
 * hold the raw request and reply objects, which the redacting formatter cannot serialise.
 */
export function logCompletedRequests(app: FastifyInstance) {
  app.addHook('onResponse', async (req, reply) => {
    req.log.info(
      { method: req.method, route: req.routeOptions.url ?? null, statusCode: reply.statusCode, durationMs: Math.round(reply.elapsedTime * 10) / 10 },
      'request completed',
    );
  });
}

/** Fastify's `logController` that turns its own request lines off (logCompletedRequests writes one instead). */
export function requestLogController() {
  return new LogController({ disableRequestLogging: true });
}
