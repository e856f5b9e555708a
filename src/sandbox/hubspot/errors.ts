import { randomUUID } from 'node:crypto';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

/** One entry of HubSpot's `errors[]` array. */
export interface HubSpotErrorDetail {
  message: string;
  code?: string;
  in?: string;
  subCategory?: string;
  context?: Record<string, string[]>;
}

export interface HubSpotErrorExtras {
  subCategory?: string;
  errors?: HubSpotErrorDetail[];
  context?: Record<string, unknown>;
  links?: Record<string, string>;
}

/**
 * An error answered with HubSpot's body: `{status:"error", message, correlationId, category, …}`.
 * Routes throw it; the scope's error handler renders it.
 */
export class HubSpotError extends Error {
  constructor(
    readonly statusCode: number,
    readonly category: string,
    message: string,
    readonly extras: HubSpotErrorExtras = {},
  ) {
    super(message);
  }

  body(correlationId = newCorrelationId()) {
    return { status: 'error', message: this.message, correlationId, category: this.category, ...this.extras };
  }
}

export function newCorrelationId(): string {
  return randomUUID();
}

export const notFound = (message = 'resource not found') => new HubSpotError(404, 'OBJECT_NOT_FOUND', message);
export const conflict = (message: string, category = 'CONFLICT') => new HubSpotError(409, category, message);
export const badRequest = (message: string, errors?: HubSpotErrorDetail[]) =>
  new HubSpotError(400, 'VALIDATION_ERROR', message, errors ? { errors } : {});

export const authenticationMissing = () =>
  new HubSpotError(
    401,
    'INVALID_AUTHENTICATION',
    'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview',
  );

export const authenticationExpired = (secondsAgo: number, expiredAt: string) =>
  new HubSpotError(401, 'EXPIRED_AUTHENTICATION', `The OAuth token used to make this call expired ${secondsAgo} second(s) ago.`, {
    context: { expiredAt: [expiredAt] },
  });

export const missingScopes = (required: string[]) =>
  new HubSpotError(
    403,
    'MISSING_SCOPES',
    "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.",
    {
      errors: [{ message: 'One or more of the following scopes are required.', context: { requiredGranularScopes: required } }],
      links: { scopes: 'https://developers.hubspot.com/scopes' },
    },
  );

/** Renders thrown errors in HubSpot's shape (Fastify's own 400s for bad JSON included). */
export function hubspotErrorHandler(error: FastifyError | HubSpotError, req: FastifyRequest, reply: FastifyReply) {
  if (error instanceof HubSpotError) return reply.code(error.statusCode).send(error.body());
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    return reply.code(status).send(new HubSpotError(status, 'VALIDATION_ERROR', `Invalid input: ${error.message}`).body());
  }
  req.log.error({ err: error }, 'hubspot stand-in failed');
  return reply.code(500).send(new HubSpotError(500, 'INTERNAL_ERROR', 'internal error').body());
}
