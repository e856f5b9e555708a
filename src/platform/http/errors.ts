/**
 * The one error type of the API. Every error body is {"error":{"code","message","requestId"}};
 * the code → HTTP status map below is the only one (exhaustive over the closed set of codes).
 */
export const errorStatus = {
  bad_request: 400,
  validation_failed: 400,
  invalid_json: 400,
  unauthenticated: 401,
  forbidden: 403,
  csrf_failed: 403,
  cross_origin_refused: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  uri_too_long: 414,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  internal: 500,
  provider_unavailable: 503,
  not_ready: 503,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof errorStatus;

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
    this.status = errorStatus[code];
  }
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; requestId: string } & Record<string, unknown>;
}

export function errorBody(err: AppError, requestId: string): ErrorBody {
  return { error: { code: err.code, message: err.message, requestId, ...(err.details ?? {}) } };
}

export const notFound = (what = 'Resource') => new AppError('not_found', `${what} not found.`);
