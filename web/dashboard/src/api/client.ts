/**
 * The one place the dashboard talks to the private API: same-origin fetch with the session
 * cookie, the CSRF token on every state-changing request, and errors turned into ApiError
 * with the server's message (or a sentence saying what went wrong on the way).
 */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type QueryValue = string | number | boolean | null | undefined;

let csrfToken: string | null = null;
const sessionExpiredListeners = new Set<() => void>();

/** Sign-in, sign-up and invite acceptance answer with the new session's token. */
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

/** Called when an API call finds the session gone (expired, revoked, or signed out elsewhere). */
export function onSessionExpired(listener: () => void): () => void {
  sessionExpiredListeners.add(listener);
  return () => sessionExpiredListeners.delete(listener);
}

/** `/api/v1/x` plus the defined query values (empty strings, null and undefined are left out). */
export function apiUrl(path: string, query: Record<string, QueryValue> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

async function fetchCsrfToken(): Promise<string> {
  const body = await request<{ csrfToken: string }>('GET', '/api/v1/auth/csrf');
  csrfToken = body.csrfToken;
  return body.csrfToken;
}

/** An error body `{"error":{code,message,requestId}}`, or a sentence for anything else. */
export async function toApiError(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  try {
    const { error } = JSON.parse(text) as { error?: { code?: string; message?: string; requestId?: string } };
    if (error?.code && error.message) return new ApiError(response.status, error.code, error.message, error.requestId ?? null);
  } catch {
    // not JSON: fall through to a generic message
  }
  const reason = response.status >= 500 ? 'The server had a problem' : 'The server refused the request';
  return new ApiError(response.status, `http_${response.status}`, `${reason} (HTTP ${response.status}). Please try again.`);
}

export const networkError = () =>
  new ApiError(0, 'network', 'Could not reach the OnePagePay server. Check your connection and try again.');

/** A 401 outside the sign-in routes means the session ended; the sign-in routes use 401 for a wrong password. */
export function signalExpiry(path: string, error: ApiError) {
  if (error.status === 401 && !path.startsWith('/api/v1/auth/')) for (const listener of sessionExpiredListeners) listener();
}

async function request<T>(method: Method, path: string, body?: unknown, retried = false): Promise<T> {
  const changesState = method !== 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (changesState) {
    headers['x-csrf-token'] = csrfToken ?? (await fetchCsrfToken());
    if (body !== undefined) headers['content-type'] = 'application/json';
  }
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: changesState && body !== undefined ? JSON.stringify(body) : undefined,
    });
  } catch {
    throw networkError();
  }
  if (!response.ok) {
    const error = await toApiError(response);
    // The token belongs to a session that was replaced (sign-in elsewhere, expiry): fetch the current one once.
    if (error.code === 'csrf_failed' && !retried) {
      csrfToken = null;
      return request<T>(method, path, body, true);
    }
    signalExpiry(path, error);
    throw error;
  }
  if (response.status === 204) return undefined as T;
  const json = (await response.json()) as T;
  if (json && typeof json === 'object' && 'csrfToken' in json && typeof json.csrfToken === 'string') csrfToken = json.csrfToken;
  return json;
}

export const api = {
  get: <T>(path: string, query?: Record<string, QueryValue>) => request<T>('GET', apiUrl(path, query)),
  post: <T>(path: string, body: unknown = {}) => request<T>('POST', path, body),
  put: <T>(path: string, body: unknown = {}) => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
};

/** A message for any thrown value, for error states and notices. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong. Please try again.';
}
