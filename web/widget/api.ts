import type { CanceledPayment, CompletedPayment, CreatedPayment, CreatePaymentBody, FormConfig } from './types.js';

/** A failed call to the public API. `status` 0 means the server could not be reached. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface PublicApi {
  formConfig(formId: string): Promise<FormConfig>;
  createPayment(formId: string, body: CreatePaymentBody): Promise<CreatedPayment>;
  complete(paymentId: string): Promise<CompletedPayment>;
  /** The buyer gave up on this attempt (PayPal's Cancel, or its window closed). */
  cancel(paymentId: string): Promise<CanceledPayment>;
}

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** The public payment API of one merchant account, at `base` (the server's URL, ending in "/"). */
export function publicApi(base: string, accountId: string, fetchImpl: Fetch = (input, init) => fetch(input, init)): PublicApi {
  const root = `${base}api/public/v1/accounts/${encodeURIComponent(accountId)}`;

  async function call<T>(path: string, body?: unknown): Promise<T> {
    let res: Response;
    try {
      res = await fetchImpl(root + path, {
        method: body === undefined ? 'GET' : 'POST',
        // No cookies, ever: the public API is keyed by the account id alone.
        credentials: 'omit',
        mode: 'cors',
        ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      });
    } catch {
      throw new ApiError(0, 'network', 'The payment server could not be reached.');
    }
    const json = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string; retryAfterSeconds?: number } } | null;
    if (!res.ok) {
      const error = json?.error;
      throw new ApiError(res.status, error?.code ?? 'http_error', error?.message ?? `HTTP ${res.status}`, error?.retryAfterSeconds);
    }
    return json as T;
  }

  return {
    formConfig: (formId) => call<FormConfig>(`/forms/${encodeURIComponent(formId)}`),
    createPayment: (formId, body) => call<CreatedPayment>(`/forms/${encodeURIComponent(formId)}/payments`, body),
    complete: (paymentId) => call<CompletedPayment>(`/payments/${encodeURIComponent(paymentId)}/complete`, {}),
    cancel: (paymentId) => call<CanceledPayment>(`/payments/${encodeURIComponent(paymentId)}/cancel`, {}),
  };
}

/** 32 random hex characters: one idempotency key per checkout attempt (works outside secure contexts too). */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
