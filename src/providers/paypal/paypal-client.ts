import { AppError } from '../../platform/http/errors.js';
import type { AppContext } from '../../platform/http/types.js';
import type { Mode } from '../../platform/db/schema.js';
import { ProviderError } from '../payment-provider.js';

/**
 * A thin client for PayPal's REST API (PayPal's server SDK cannot be pointed at another host, so it
 * could not reach the stand-in): OAuth client-credentials tokens, cached until shortly before they
 * expire, JSON in and out, `PayPal-Request-Id` for idempotency, and PayPal's errors in the port's terms.
 */

/** How long one PayPal call may take. */
export const paypalTimeoutMs = 10_000;

/** PayPal's two hosts: the sandbox for test mode, the real one for live mode. No other host is ever used outside sandbox mode. */
export const paypalApiBase: Record<Mode, string> = { test: 'https://api-m.sandbox.paypal.com', live: 'https://api-m.paypal.com' };

export interface PayPalCredentials {
  clientId: string;
  clientSecret: string;
}

export interface PayPalTarget extends PayPalCredentials {
  mode: Mode;
  /** A connection to the PayPal stand-in (sandbox mode). */
  sandbox: boolean;
}

/** PayPal's error body: `{name, message, debug_id, details:[{issue, description, field}]}` (OAuth: `{error, error_description}`). */
interface PayPalErrorBody {
  name?: string;
  message?: string;
  debug_id?: string;
  details?: { issue?: string; description?: string; field?: string }[];
  error?: string;
  error_description?: string;
}

/** A PayPal answer that is not a success, with what it said. */
export class PayPalApiError extends ProviderError {
  constructor(
    kind: ProviderError['kind'],
    message: string,
    readonly status: number,
    /** The first detail's `issue` (INSTRUMENT_DECLINED…), else the error's `name`. */
    readonly issue: string,
    readonly debugId: string | null,
  ) {
    super(kind, 'paypal', message, issue);
  }
}

/** The API base of a connection: the stand-in in sandbox mode (refused outside it), else PayPal's host for the mode. */
export function paypalBaseUrl(target: Pick<PayPalTarget, 'mode' | 'sandbox'>, sandboxUrls: AppContext['sandboxUrls']): string {
  if (!target.sandbox) return paypalApiBase[target.mode];
  if (!sandboxUrls) {
    throw new AppError('provider_unavailable', 'This PayPal connection uses the sandbox, but the server is not running in sandbox mode. Reconnect PayPal with real credentials.');
  }
  return sandboxUrls.paypal;
}

function toError(status: number, body: PayPalErrorBody | null): PayPalApiError {
  const detail = body?.details?.[0];
  const issue = detail?.issue ?? body?.name ?? body?.error ?? `HTTP_${status}`;
  const message = detail?.description ?? body?.message ?? body?.error_description ?? `PayPal answered HTTP ${status}.`;
  const debugId = body?.debug_id ?? null;
  if (status === 429 || status >= 500) return new PayPalApiError('unavailable', message, status, issue, debugId);
  if (status === 404) return new PayPalApiError('not_found', message, status, issue, debugId);
  if (status === 401) return new PayPalApiError('refused', `PayPal refused the client id and secret (${message})`, status, issue, debugId);
  return new PayPalApiError('refused', message, status, issue, debugId);
}

async function send(url: string, init: RequestInit, timeoutMs: number): Promise<{ status: number; body: unknown }> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, redirect: 'error', signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
    throw new PayPalApiError('unavailable', timedOut ? `PayPal did not answer within ${timeoutMs / 1000} s.` : 'PayPal could not be reached.', 0, timedOut ? 'TIMEOUT' : 'UNREACHABLE', null);
  }
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  return { status: res.status, body };
}

interface CachedToken {
  token: string;
  expiresAtMs: number;
}
const tokens = new Map<string, CachedToken>();
const maxCachedTokens = 1000;

export interface RequestOptions {
  body?: unknown;
  /** PayPal-Request-Id: PayPal answers a repeated request with the first one's result. */
  requestId?: string;
  timeoutMs?: number;
}

/** One merchant's PayPal REST API, for one mode. */
export class PayPalClient {
  readonly baseUrl: string;

  constructor(
    readonly target: PayPalTarget,
    sandboxUrls: AppContext['sandboxUrls'],
  ) {
    this.baseUrl = paypalBaseUrl(target, sandboxUrls);
  }

  private get cacheKey() {
    return `${this.baseUrl} ${this.target.clientId} ${this.target.clientSecret}`;
  }

  /** A fresh access token (`POST /v1/oauth2/token`): proves the client id and secret. */
  async fetchToken(timeoutMs = paypalTimeoutMs): Promise<CachedToken> {
    const basic = Buffer.from(`${this.target.clientId}:${this.target.clientSecret}`).toString('base64');
    const { status, body } = await send(
      `${this.baseUrl}/v1/oauth2/token`,
      { method: 'POST', headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body: 'grant_type=client_credentials' },
      timeoutMs,
    );
    if (status !== 200) throw toError(status, body as PayPalErrorBody | null);
    const { access_token: token, expires_in: expiresIn } = body as { access_token: string; expires_in: number };
    // Renewed a minute early, so a token never expires between our check and PayPal's.
    const cached = { token, expiresAtMs: Date.now() + Math.max(0, expiresIn - 60) * 1000 };
    if (tokens.size >= maxCachedTokens) tokens.delete(tokens.keys().next().value!);
    tokens.set(this.cacheKey, cached);
    return cached;
  }

  private async token(timeoutMs: number): Promise<string> {
    const cached = tokens.get(this.cacheKey);
    if (cached && cached.expiresAtMs > Date.now()) return cached.token;
    return (await this.fetchToken(timeoutMs)).token;
  }

  /** A JSON call with a bearer token; a token PayPal no longer accepts is renewed once. */
  async request<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, options: RequestOptions = {}): Promise<T> {
    const timeoutMs = options.timeoutMs ?? paypalTimeoutMs;
    for (let attempt = 0; ; attempt++) {
      const token = await this.token(timeoutMs);
      const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json', prefer: 'return=representation' };
      if (options.body !== undefined) headers['content-type'] = 'application/json';
      if (options.requestId) headers['paypal-request-id'] = options.requestId;
      const body = options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      const answer = await send(`${this.baseUrl}${path}`, { method, headers, body }, timeoutMs);
      if (answer.status === 401 && attempt === 0) {
        tokens.delete(this.cacheKey);
        continue;
      }
      if (answer.status >= 200 && answer.status < 300) return answer.body as T;
      throw toError(answer.status, answer.body as PayPalErrorBody | null);
    }
  }
}
