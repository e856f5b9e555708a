import type { FastifyError, FastifyInstance } from 'fastify';
import { debugId } from './ids.js';

export interface ErrorDetail {
  issue: string;
  description: string;
  field?: string;
  value?: string;
  location?: 'body' | 'path' | 'query' | 'header';
}

type ErrorName =
  | 'INVALID_REQUEST'
  | 'AUTHENTICATION_FAILURE'
  | 'NOT_AUTHORIZED'
  | 'RESOURCE_NOT_FOUND'
  | 'UNPROCESSABLE_ENTITY'
  | 'INTERNAL_SERVER_ERROR'
  | 'SERVICE_UNAVAILABLE'
  | 'RATE_LIMIT_REACHED';

const statusOf: Record<ErrorName, number> = {
  INVALID_REQUEST: 400,
  AUTHENTICATION_FAILURE: 401,
  NOT_AUTHORIZED: 403,
  RESOURCE_NOT_FOUND: 404,
  UNPROCESSABLE_ENTITY: 422,
  RATE_LIMIT_REACHED: 429,
  INTERNAL_SERVER_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
};

const messageOf: Record<ErrorName, string> = {
  INVALID_REQUEST: 'Request is not well-formed, syntactically incorrect, or violates schema.',
  AUTHENTICATION_FAILURE: 'Authentication failed due to invalid authentication credentials or a missing Authorization header.',
  NOT_AUTHORIZED: 'Authorization failed due to insufficient permissions.',
  RESOURCE_NOT_FOUND: 'The specified resource does not exist.',
  UNPROCESSABLE_ENTITY: 'The requested action could not be performed, semantically incorrect, or failed business validation.',
  RATE_LIMIT_REACHED: 'Too many requests. Blocked due to rate limiting.',
  INTERNAL_SERVER_ERROR: 'An internal server error has occurred.',
  SERVICE_UNAVAILABLE: 'The service is temporarily unavailable. Please try again later.',
};

/** PayPal's REST error body: `{name, message, debug_id, details, links}`. */
export function errorBody(name: ErrorName, details: ErrorDetail[] = [], api = 'orders/v2') {
  const issue = details[0]?.issue ?? name;
  return {
    name,
    message: messageOf[name],
    debug_id: debugId(),
    ...(details.length ? { details } : {}),
    links: [{ href: `https://developer.paypal.com/docs/api/${api}/#error-${issue}`, rel: 'information_link', method: 'GET' }],
  };
}

export class PayPalError extends Error {
  readonly statusCode: number;
  readonly body: { name: string; message: string; debug_id: string; details?: ErrorDetail[]; links: unknown[] };
  constructor(name: ErrorName, details: ErrorDetail[] = [], api?: string) {
    super(details[0]?.description ?? messageOf[name]);
    this.statusCode = statusOf[name];
    this.body = errorBody(name, details, api);
  }

  /** The v1 notifications API names its errors specifically, e.g. `WEBHOOK_URL_ALREADY_EXISTS`. */
  static named(statusCode: number, name: string, message: string): PayPalError {
    const err = new PayPalError('INVALID_REQUEST', [], 'webhooks/v1');
    return Object.assign(err, {
      statusCode,
      body: { name, message, debug_id: err.body.debug_id, links: [{ href: `https://developer.paypal.com/docs/api/webhooks/v1/#error-${name}`, rel: 'information_link', method: 'GET' }] },
    });
  }
}

export const invalidRequest = (issue: string, description: string, field?: string, value?: string) =>
  new PayPalError('INVALID_REQUEST', [{ field, value, location: field ? 'body' : undefined, issue, description }]);

export const unprocessable = (issue: string, description: string, field?: string, api?: string) =>
  new PayPalError('UNPROCESSABLE_ENTITY', [{ field, location: field ? 'body' : undefined, issue, description }], api);

export const notFound = (api?: string) =>
  new PayPalError(
    'RESOURCE_NOT_FOUND',
    [{ issue: 'INVALID_RESOURCE_ID', description: 'Specified resource ID does not exist. Please check the resource ID and try again.' }],
    api,
  );

/** Answers every error of the PayPal routes in PayPal's shape (never a raw exception message). */
export function installErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError | PayPalError, req, reply) => {
    if (err instanceof PayPalError) return reply.code(err.statusCode).send(err.body);
    if ((err as FastifyError).code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return reply.code(415).send(errorBody('INVALID_REQUEST', [{ issue: 'UNSUPPORTED_MEDIA_TYPE', description: 'The request payload is not supported.' }]));
    }
    const status = (err as FastifyError).statusCode;
    if (status && status >= 400 && status < 500) {
      return reply
        .code(400)
        .send(errorBody('INVALID_REQUEST', [{ issue: 'MALFORMED_REQUEST_JSON', description: 'The request JSON is not well formed.', location: 'body' }]));
    }
    req.log.error({ err }, 'paypal stand-in error');
    return reply.code(500).send(errorBody('INTERNAL_SERVER_ERROR'));
  });
  app.setNotFoundHandler((_req, reply) => reply.code(404).send(errorBody('RESOURCE_NOT_FOUND', [])));
}

export const paypalFaultBodies = {
  status503: () => errorBody('SERVICE_UNAVAILABLE'),
  status429: () => ({
    headers: { 'retry-after': '1' },
    body: errorBody('RATE_LIMIT_REACHED', [{ issue: 'RATE_LIMIT_REACHED', description: 'Too many requests. Blocked due to rate limiting.' }]),
  }),
  status500: () => errorBody('INTERNAL_SERVER_ERROR'),
};
