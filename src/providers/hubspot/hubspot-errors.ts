import { AppError } from '../../platform/http/errors.js';

/** An HTTP answer from HubSpot that is not a success (from our own calls or the official client). */
export class HubSpotApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`HubSpot answered HTTP ${status}${hubspotMessage(body) ? `: ${hubspotMessage(body)}` : ''}`);
    this.name = 'HubSpotApiError';
  }
}

/** HubSpot could not be reached: refused, reset, DNS, or no answer within the timeout. */
export class HubSpotUnreachableError extends Error {
  constructor(
    readonly reason: 'timeout' | 'unreachable',
    cause?: unknown,
  ) {
    super(reason === 'timeout' ? 'HubSpot did not answer in time' : 'HubSpot could not be reached', { cause });
    this.name = 'HubSpotUnreachableError';
  }
}

/** HubSpot's error bodies carry a `message` (and OAuth errors a `status` such as BAD_REFRESH_TOKEN). */
export function hubspotMessage(body: unknown): string | undefined {
  if (body && typeof body === 'object' && typeof (body as { message?: unknown }).message === 'string') return (body as { message: string }).message;
  return undefined;
}

/**
 * The HTTP status of a HubSpot answer carried by an error: our HubSpotApiError, or the official
 * client's ApiException (`code` = status, `body` = parsed body). Undefined when HubSpot never answered.
 */
export function hubspotStatus(err: unknown): { status: number; body: unknown } | undefined {
  if (err instanceof HubSpotApiError) return { status: err.status, body: err.body };
  const e = err as { code?: unknown; body?: unknown } | null;
  if (e && typeof e === 'object' && typeof e.code === 'number' && e.code >= 100 && e.code < 600 && 'body' in e) return { status: e.code, body: e.body };
  return undefined;
}

/** True when HubSpot refused the token itself (unknown, expired or revoked: 401) or lacks a scope (403). */
export function isHubSpotAuthRefused(err: unknown): boolean {
  const answer = hubspotStatus(err);
  return answer !== undefined && (answer.status === 401 || answer.status === 403);
}

/** True when HubSpot answered with something other than "unreachable / overloaded / failing on its side". */
function isUnavailable(err: unknown): boolean {
  const answer = hubspotStatus(err);
  if (!answer) return true;
  return answer.status === 429 || answer.status >= 500;
}

/** The scopes a 403 MISSING_SCOPES names, if any. */
function missingScopes(body: unknown): string[] {
  const errors = (body as { errors?: { context?: { requiredGranularScopes?: unknown } }[] } | undefined)?.errors ?? [];
  return errors.flatMap((e) => (Array.isArray(e.context?.requiredGranularScopes) ? (e.context.requiredGranularScopes as string[]) : []));
}

/**
 * Maps a failed HubSpot call to the API's error: HubSpot unreachable, rate-limiting or failing on
 * its side → 503 provider_unavailable; HubSpot refusing what we sent (token, scopes, values) → 422
 * unprocessable with HubSpot's message. Anything that is not a HubSpot failure is rethrown.
 */
export function hubspotErrorToAppError(err: unknown, doing: string): AppError {
  if (err instanceof AppError) return err;
  const answer = hubspotStatus(err);
  if (!answer && !(err instanceof HubSpotUnreachableError) && !isNetworkError(err)) throw err;
  if (isUnavailable(err)) return new AppError('provider_unavailable', `HubSpot could not be reached while ${doing}. Please try again in a moment.`);
  const scopes = answer!.status === 403 ? missingScopes(answer!.body) : [];
  const message =
    scopes.length > 0
      ? `HubSpot refused ${doing}: the token lacks the scopes ${scopes.join(', ')}. Grant them to the private app (or reconnect) and try again.`
      : `HubSpot refused ${doing}: ${hubspotMessage(answer!.body) ?? `HTTP ${answer!.status}`}`;
  return new AppError('unprocessable', message, { provider: 'hubspot', providerStatus: answer!.status });
}

/** Errors of node-fetch (used by the official client) and of fetch when the network fails. */
export function isNetworkError(err: unknown): boolean {
  if (err instanceof HubSpotUnreachableError) return true;
  const name = (err as { name?: unknown } | null)?.name;
  return name === 'FetchError' || name === 'AbortError' || name === 'TimeoutError' || (err instanceof TypeError && /fetch failed/i.test(err.message));
}
