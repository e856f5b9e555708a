import { Client } from '@hubspot/api-client';
import { AppError } from '../../platform/http/errors.js';
import type { AppContext } from '../../platform/http/types.js';
import { HubSpotApiError, HubSpotUnreachableError } from './hubspot-errors.js';
import { hubspotRateLimiter } from './rate-limiter.js';

/** How long one HubSpot call may wait for an answer. */
export const hubspotTimeoutMs = 10_000;

/** HubSpot's API origin outside sandbox mode; nothing else is ever called there. */
export const hubspotApiBase = 'https://api.hubapi.com';

export interface HubSpotTarget {
  /** True when the connection points at the sandbox stand-in rather than api.hubapi.com. */
  sandbox: boolean;
}

/**
 * Where a connection's calls go: the stand-in at `sandboxUrls.hubspot` for a sandbox connection on a
 * server in sandbox mode, https://api.hubapi.com otherwise. A sandbox connection on a server no
 * longer in sandbox mode is refused rather than sent anywhere else.
 */
export function hubspotBaseUrl(target: HubSpotTarget, sandboxUrls?: AppContext['sandboxUrls']): string {
  if (!target.sandbox) return hubspotApiBase;
  if (!sandboxUrls) {
    throw new AppError('provider_unavailable', 'This HubSpot connection uses the sandbox, but the server is not running in sandbox mode. Reconnect HubSpot.');
  }
  return sandboxUrls.hubspot;
}

// Clients are reused per token: building one per call would redo the client's setup on the sync path.
const clients = new Map<string, Client>();
const maxCachedClients = 1000;

/**
 * The one way to get an official `@hubspot/api-client` Client for a token. A sandbox connection gets
 * `basePath` = the stand-in; a real one keeps the client's default, https://api.hubapi.com.
 *
 * What 13.x cannot do, and how to call it instead:
 * - Retries and its Bottleneck limiter live in a process-wide singleton that the last Client built
 *   overwrites for every other Client, so they stay off here (`numberOfApiCallRetries: 0`) and must
 *   not be set elsewhere. Retry through the job queue.
 * - Its generated APIs drop configured middleware (only per-call `_options.middleware` runs), so an
 *   `httpAgent` with a socket timeout never applies: calls have no timeout of their own.
 * Make every call through `callHubSpot(portalId, () => client.crm…)`: paced per portal, with a deadline.
 */
export function hubspotClient(conn: HubSpotTarget & { accessToken: string }, sandboxUrls?: AppContext['sandboxUrls']): Client {
  const base = hubspotBaseUrl(conn, sandboxUrls);
  const cacheKey = `${base} ${conn.accessToken}`;
  const cached = clients.get(cacheKey);
  if (cached) return cached;
  const client = new Client({ accessToken: conn.accessToken, numberOfApiCallRetries: 0, ...(conn.sandbox ? { basePath: base } : {}) });
  if (clients.size >= maxCachedClients) clients.delete(clients.keys().next().value!);
  clients.set(cacheKey, client);
  return client;
}

/**
 * Runs one official-client call for a portal: waits for room in the portal's rate-limit window
 * (`hubspotRateLimiter`), then fails with HubSpotUnreachableError('timeout') if HubSpot has not
 * answered within `timeoutMs`. The abandoned request's socket closes when HubSpot answers (13.x
 * offers no way to abort it); the caller, a request or a job, does not wait for it.
 */
export async function callHubSpot<T>(portalId: string, call: () => Promise<T>, timeoutMs = hubspotTimeoutMs): Promise<T> {
  await hubspotRateLimiter.acquire(portalId);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new HubSpotUnreachableError('timeout')), timeoutMs);
  });
  try {
    return await Promise.race([call(), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

export interface HubSpotRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  accessToken?: string;
  /** A JSON body. */
  json?: unknown;
  /** A form-encoded body (the OAuth token endpoint). */
  form?: Record<string, string>;
  timeoutMs?: number;
}

/**
 * One call to HubSpot with `fetch`: a timeout, no redirects, JSON answer. Used for the calls the
 * official client makes awkward (account details, OAuth tokens) and for health checks. Throws
 * HubSpotApiError for an HTTP error and HubSpotUnreachableError when no answer came.
 */
export async function hubspotRequest<T>(base: string, req: HubSpotRequest): Promise<{ status: number; headers: Headers; body: T }> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (req.accessToken) headers.authorization = `Bearer ${req.accessToken}`;
  let body: string | undefined;
  if (req.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(req.json);
  } else if (req.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(req.form).toString();
  }
  let res: Response;
  try {
    res = await fetch(`${base}${req.path}`, { method: req.method ?? 'GET', headers, body, redirect: 'error', signal: AbortSignal.timeout(req.timeoutMs ?? hubspotTimeoutMs) });
  } catch (err) {
    throw new HubSpotUnreachableError((err as Error).name === 'TimeoutError' ? 'timeout' : 'unreachable', err);
  }
  let text: string;
  try {
    text = await res.text();
  } catch (err) {
    throw new HubSpotUnreachableError((err as Error).name === 'TimeoutError' ? 'timeout' : 'unreachable', err);
  }
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = text;
  }
  if (res.status < 200 || res.status >= 300) throw new HubSpotApiError(res.status, parsed);
  return { status: res.status, headers: res.headers, body: parsed as T };
}
