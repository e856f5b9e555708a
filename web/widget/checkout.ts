import { ApiError, newIdempotencyKey, type PublicApi } from './api.js';
import type { StripeElements, StripeInstance } from './stripe.js';
import type { CompletedPayment, Contact, OrderLine, Payment } from './types.js';

export interface PayRequest {
  contact: Contact;
  items: OrderLine[];
  hubspotFields?: Record<string, string>;
}

/**
 * - succeeded: paid (the server says so, or Stripe did and the server could not be asked);
 * - processing: the provider has not decided yet; the buyer must not pay again;
 * - failed: declined, authentication failed or card details invalid — `message` says why; the buyer may retry.
 */
export type Outcome =
  | { kind: 'succeeded'; payment: Payment }
  | { kind: 'processing'; payment: Payment }
  | { kind: 'failed'; message: string | null; code?: string };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `complete` is idempotent: retried on network errors and 5xx, not on a 4xx. */
export async function completeWithRetry(api: PublicApi, paymentId: string, delaysMs: number[] = [500, 1500, 3000]): Promise<CompletedPayment> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await api.complete(paymentId);
    } catch (error) {
      const retryable = error instanceof ApiError && (error.status === 0 || error.status >= 500);
      if (!retryable || attempt >= delaysMs.length) throw error;
      await sleep(delaysMs[attempt]);
    }
  }
}

/**
 * One buyer's card checkout on one form: create the payment (one idempotency key per attempt, reused
 * while the order and contact stay the same, so a retry after a decline pays the same payment), confirm it
 * with Stripe.js (3-D Secure runs in the page), then ask the server for the final status.
 */
export class CardCheckout {
  private attempt: { key: string; fingerprint: string } | null = null;

  constructor(
    private readonly api: PublicApi,
    private readonly formId: string,
    private readonly stripe: StripeInstance,
    private readonly elements: StripeElements,
    private readonly options: { returnUrl?: string; completeDelaysMs?: number[] } = {},
  ) {}

  async pay(request: PayRequest): Promise<Outcome> {
    // Card details are checked in Stripe's frame before anything is created on the server.
    const checked = await this.elements.submit();
    if (checked.error) return { kind: 'failed', message: checked.error.message ?? null, code: checked.error.code };

    const fingerprint = JSON.stringify(request);
    if (!this.attempt || this.attempt.fingerprint !== fingerprint) this.attempt = { key: newIdempotencyKey(), fingerprint };
    const payment = await this.api.createPayment(this.formId, { idempotencyKey: this.attempt.key, provider: 'stripe', ...request });
    if (payment.status === 'succeeded') return { kind: 'succeeded', payment };
    const clientSecret = payment.stripe?.clientSecret;
    if (!clientSecret) throw new ApiError(500, 'internal', 'The payment has no Stripe client secret.');

    const name = [request.contact.firstName, request.contact.lastName].filter(Boolean).join(' ');
    const result = await this.stripe.confirmPayment({
      elements: this.elements,
      clientSecret,
      confirmParams: {
        return_url: this.options.returnUrl ?? location.href,
        payment_method_data: { billing_details: { email: request.contact.email, ...(name ? { name } : {}) } },
      },
      redirect: 'if_required',
    });

    let final: CompletedPayment;
    try {
      final = await completeWithRetry(this.api, payment.id, this.options.completeDelaysMs);
    } catch (error) {
      // Stripe took the money but our server cannot be asked: the webhook will record it; do not make the buyer pay twice.
      if (result.paymentIntent?.status === 'succeeded') return { kind: 'succeeded', payment: { ...payment, status: 'succeeded' } };
      if (result.error) return { kind: 'failed', message: result.error.message ?? null, code: result.error.code };
      throw error;
    }
    if (final.status === 'succeeded') return { kind: 'succeeded', payment: final };
    if (!result.error && (final.status === 'processing' || final.status === 'pending' || final.status === 'requires_action')) {
      return { kind: 'processing', payment: final };
    }
    // Stripe.js's message is in the buyer's language; the server's is the stored one.
    return { kind: 'failed', message: result.error?.message ?? final.failureMessage ?? null, code: result.error?.code };
  }
}
