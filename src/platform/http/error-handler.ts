import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { reportError } from '../logging/error-reporting.js';
import { AppError, errorBody } from './errors.js';
import type { App } from './types.js';

/** Maps every thrown error to the one error body; never leaks a stack or a raw message of an unknown error. */
export function toAppError(err: FastifyError | AppError | Error): AppError {
  if (err instanceof AppError) return err;
  const fe = err as FastifyError & { validation?: unknown; validationContext?: string };
  if (fe.validation) {
    return new AppError('validation_failed', `Invalid request ${fe.validationContext ?? 'input'}: ${fe.message.replace(/^(body|querystring|params|headers)\/?/, '')}`);
  }
  switch (fe.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('invalid_json', 'The request body is not valid JSON.');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('payload_too_large', 'The request body is too large.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('unsupported_media_type', 'Send a JSON body with Content-Type: application/json.');
  }
  if (fe.statusCode === 429) return new AppError('rate_limited', 'Too many requests. Slow down and try again shortly.');
  if (fe instanceof SyntaxError || fe.statusCode === 400) return new AppError('bad_request', 'The request could not be read.');
  if (fe.statusCode === 413) return new AppError('payload_too_large', 'The request body is too large.');
  if (fe.statusCode === 415) return new AppError('unsupported_media_type', 'Send a JSON body with Content-Type: application/json.');
  return new AppError('internal', 'Something went wrong on our side. It has been logged; please try again.');
}

/**
 * Errors Fastify raises before any route runs (a malformed or over-long URL): the same body as
 * every other error, with the request id, and nothing of the URL echoed.
 */
export function frameworkErrorHandler(err: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const appError =
    err.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? new AppError('uri_too_long', 'A path segment of the URL is too long.')
      : new AppError('bad_request', 'The URL could not be read.');
  reply.header('x-request-id', request.id);
  reply.code(appError.status).send(errorBody(appError, request.id));
}

export function registerErrorHandling(app: App) {
  app.setErrorHandler((err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const appError = toAppError(err);
    if (appError.code === 'internal') {
      request.log.error({ err }, 'unhandled error');
      reportError(err, { requestId: request.id, method: request.method, route: request.routeOptions.url });
    }
    else request.log.info({ code: appError.code }, appError.message);
    const retryAfter = appError.details?.retryAfterSeconds;
    if (typeof retryAfter === 'number') reply.header('retry-after', String(Math.max(1, Math.ceil(retryAfter))));
    reply.code(appError.status).send(errorBody(appError, request.id));
  });
  app.setNotFoundHandler((request, reply) => {
    // The URL is not echoed back (it is the caller's text): the route list is in /api/openapi.json.
    const err = new AppError('not_found', 'No such route. The API is described at /api/openapi.json.');
    reply.code(err.status).send(errorBody(err, request.id));
  });
}
