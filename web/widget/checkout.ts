import { ApiError, newIdempotencyKey, type PublicApi } from './api.js';
import type { StripeElements, StripeInstance } from './stripe.js';
import type { CompletedPayment, Contact, OrderLine, Payment } from './types.js';

export interface PayRequest {
  contact: Contact;
  items: OrderLine[];
  hubspotFields?: Record<string, string>;
  /** The language the buyer sees the form in: their receipts are written in it. */
  language?: 'en' | 'fr' | 'de';
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

/** What marks a return from a redirect-based method: ours (which form, which payment) and Stripe's. */
const returnParams = ['onepagepay_form', 'onepagepay_payment', 'payment_intent', 'payment_intent_client_secret', 'redirect_status'];

/**
 * Where a redirect-based method (e.g. Klarna) brings the buyer back: this page, marked with the form
 * and the payment. Stripe adds `payment_intent`, `payment_intent_client_secret` and `redirect_status`.
 */
export function returnUrlFor(href: string, formId: string, paymentId: string): string {
  const url = new URL(href);
  for (const name of returnParams) url.searchParams.delete(name);
  url.searchParams.set('onepagepay_form', formId);
  url.searchParams.set('onepagepay_payment', paymentId);
  return url.toString();
}

/**
 * The payment this form's buyer comes back from after a redirect, read from `href`; `strip` is the
 * same address without the marks (so a reload does not come back again), or null when there is none.
 */
export function returnedPayment(href: string, formId: string): { paymentId: string; strip: string } | null {
  const url = new URL(href);
  const paymentId = url.searchParams.get('onepagepay_payment');
  if (url.searchParams.get('onepagepay_form') !== formId || !paymentId || !/^pay_[0-9A-Za-z]{24}$/.test(paymentId)) return null;
  for (const name of returnParams) url.searchParams.delete(name);
  return { paymentId, strip: url.toString() };
}

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
    private readonly options: {
      /** The Payment Element may offer methods that leave the page (not inside a HubSpot form); the buyer comes back to `href`. */
      allowRedirects: boolean;
      href: () => string;
      completeDelaysMs?: number[];
    },
  ) {}

  async pay(request: PayRequest): Promise<Outcome> {
    // Card details are checked in Stripe's frame before anything is created on the server.
    const checked = await this.elements.submit();
    if (checked.error) return { kind: 'failed', message: checked.error.message ?? null, code: checked.error.code };

    const fingerprint = JSON.stringify(request);
    if (!this.attempt || this.attempt.fingerprint !== fingerprint) this.attempt = { key: newIdempotencyKey(), fingerprint };
    const payment = await this.api.createPayment(this.formId, {
      idempotencyKey: this.attempt.key,
      provider: 'stripe',
      ...request,
      ...(this.options.allowRedirects ? { allowRedirects: true } : {}),
    });
    if (payment.status === 'succeeded') return { kind: 'succeeded', payment };
    const clientSecret = payment.stripe?.clientSecret;
    if (!clientSecret) throw new ApiError(500, 'internal', 'The payment has no Stripe client secret.');

    const name = [request.contact.firstName, request.contact.lastName].filter(Boolean).join(' ');
    const result = await this.stripe.confirmPayment({
      elements: this.elements,
      clientSecret,
      confirmParams: {
        return_url: returnUrlFor(this.options.href(), this.formId, payment.id),
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

  /**
   * The buyer is back from a redirect-based method: the server reads the payment from Stripe. Not
   * paid and not processing means the buyer failed or left the provider's page: they may pay again.
   */
  async resume(paymentId: string): Promise<Outcome> {
    const final = await completeWithRetry(this.api, paymentId, this.options.completeDelaysMs);
    if (final.status === 'succeeded') return { kind: 'succeeded', payment: final };
    if (final.status === 'processing') return { kind: 'processing', payment: final };
    return { kind: 'failed', message: final.failureMessage ?? null, code: 'redirect_not_completed' };
  }
}
