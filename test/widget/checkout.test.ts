import { describe, expect, it } from 'vitest';
import { ApiError, type PublicApi } from '../../web/widget/api.js';
import { CardCheckout, completeWithRetry, returnedPayment, returnUrlFor } from '../../web/widget/checkout.js';
import type { StripeElements, StripeError, StripeInstance } from '../../web/widget/stripe.js';
import type { CompletedPayment, CreatedPayment, CreatePaymentBody } from '../../web/widget/types.js';

const createdPayment = (over: Partial<CreatedPayment> = {}): CreatedPayment => ({
  object: 'payment', id: 'pay_1', status: 'pending', amount: 4900, currency: 'usd', provider: 'stripe',
  stripe: { clientSecret: 'pi_1_secret_x', publishableKey: 'pk_test_x' }, ...over,
});
const payment = (over: Partial<CompletedPayment> = {}): CompletedPayment => ({
  object: 'payment', id: 'pay_1', status: 'pending', amount: 4900, currency: 'usd', provider: 'stripe',
  failureMessage: null, failureCode: null, successMessage: null, redirectUrl: null, ...over,
});

/** A fake public API: records create calls, answers complete from a queue of results. */
function fakeApi(completions: Array<CompletedPayment | ApiError>) {
  const created: CreatePaymentBody[] = [];
  let completes = 0;
  const api: PublicApi = {
    formConfig: async () => { throw new Error('unused'); },
    createPayment: async (_formId, body) => {
      created.push(body);
      return createdPayment({ id: `pay_${new Set(created.map((c) => c.idempotencyKey)).size}` });
    },
    complete: async () => {
      const next = completions[Math.min(completes++, completions.length - 1)];
      if (next instanceof ApiError) throw next;
      return next;
    },
    cancel: async () => { throw new Error('unused'); },
  };
  return { api, created, completes: () => completes };
}

function fakeStripe(results: Array<{ error?: StripeError; status?: string }>, submitError?: StripeError) {
  let confirms = 0;
  const returnUrls: string[] = [];
  const elements = { submit: async () => (submitError ? { error: submitError } : {}), update: () => undefined, create: () => { throw new Error('unused'); } } as unknown as StripeElements;
  const stripe: StripeInstance = {
    elements: () => elements,
    confirmPayment: async (options) => {
      returnUrls.push(options.confirmParams.return_url);
      const r = results[Math.min(confirms++, results.length - 1)];
      return r.error ? { error: r.error } : { paymentIntent: { id: 'pi_1', status: r.status ?? 'succeeded' } };
    },
  };
  return { stripe, elements, confirms: () => confirms, returnUrls };
}

const request = { contact: { email: 'ada@example.com', firstName: 'Ada' }, items: [{ priceId: 'price_a', quantity: 1 }] };
const declined: StripeError = { type: 'card_error', code: 'card_declined', message: 'Your card was declined.' };

describe('CardCheckout', () => {
  it('a decline is a failure with Stripe’s message; a retry of the same order reuses the payment’s idempotency key', async () => {
    const { api, created } = fakeApi([payment({ status: 'failed', failureMessage: 'stored message' }), payment({ status: 'succeeded' })]);
    const { stripe, elements } = fakeStripe([{ error: declined }, { status: 'succeeded' }]);
    const checkout = new CardCheckout(api, 'form_x', stripe, elements, { allowRedirects: false, href: () => 'http://shop.test/' });
    expect(await checkout.pay(request)).toEqual({ kind: 'failed', message: 'Your card was declined.', code: 'card_declined' });
    expect(await checkout.pay(request)).toMatchObject({ kind: 'succeeded', payment: { status: 'succeeded' } });
    expect(created).toHaveLength(2);
    expect(created[0].idempotencyKey).toMatch(/^[0-9a-f]{32}$/);
    expect(created[1].idempotencyKey).toBe(created[0].idempotencyKey);
    expect(created[0]).toMatchObject({ provider: 'stripe', contact: request.contact, items: request.items });
  });

  it('a changed order after a failure is a new attempt with a new key', async () => {
    const { api, created } = fakeApi([payment({ status: 'failed' })]);
    const { stripe, elements } = fakeStripe([{ error: declined }]);
    const checkout = new CardCheckout(api, 'form_x', stripe, elements, { allowRedirects: false, href: () => 'http://shop.test/' });
    await checkout.pay(request);
    await checkout.pay({ ...request, items: [{ priceId: 'price_a', quantity: 2 }] });
    expect(created[1].idempotencyKey).not.toBe(created[0].idempotencyKey);
  });

  it('invalid card details stop before any payment is created', async () => {
    const { api, created } = fakeApi([payment()]);
    const { stripe, elements, confirms } = fakeStripe([], { type: 'validation_error', code: 'incomplete_number', message: 'Your card number is incomplete.' });
    const outcome = await new CardCheckout(api, 'form_x', stripe, elements, { allowRedirects: false, href: () => 'http://shop.test/' }).pay(request);
    expect(outcome).toEqual({ kind: 'failed', message: 'Your card number is incomplete.', code: 'incomplete_number' });
    expect(created).toHaveLength(0);
    expect(confirms()).toBe(0);
  });

  it('when Stripe succeeded but the server cannot be asked, the buyer is not asked to pay again', async () => {
    const { api } = fakeApi([new ApiError(0, 'network', 'down')]);
    const { stripe, elements } = fakeStripe([{ status: 'succeeded' }]);
    const checkout = new CardCheckout(api, 'form_x', stripe, elements, { allowRedirects: false, href: () => 'http://shop.test/', completeDelaysMs: [1, 1] });
    expect(await checkout.pay(request)).toMatchObject({ kind: 'succeeded', payment: { id: 'pay_1', status: 'succeeded' } });
  });

  it('a payment still processing is reported as such, not as a failure', async () => {
    const { api } = fakeApi([payment({ status: 'processing' })]);
    const { stripe, elements } = fakeStripe([{ status: 'processing' }]);
    expect(await new CardCheckout(api, 'form_x', stripe, elements, { allowRedirects: false, href: () => 'http://shop.test/' }).pay(request)).toMatchObject({ kind: 'processing' });
  });
});

describe('redirect-based methods', () => {
  const paymentId = 'pay_0123456789abcdefABCDEF01';

  it('asks for redirects only where the page may be left, and comes back to this page marked with the form and the payment', async () => {
    const { api, created } = fakeApi([payment({ status: 'succeeded' })]);
    const { stripe, elements, returnUrls } = fakeStripe([{ status: 'succeeded' }]);
    await new CardCheckout(api, 'form_x', stripe, elements, { allowRedirects: true, href: () => 'https://shop.test/pay?ref=news#top' }).pay(request);
    expect(created[0].allowRedirects).toBe(true);
    expect(returnUrls[0]).toBe('https://shop.test/pay?ref=news&onepagepay_form=form_x&onepagepay_payment=pay_1#top');

    const inForm = fakeApi([payment({ status: 'succeeded' })]);
    await new CardCheckout(inForm.api, 'form_x', stripe, elements, { allowRedirects: false, href: () => 'https://shop.test/' }).pay(request);
    expect(inForm.created[0]).not.toHaveProperty('allowRedirects');
  });

  it("finds the payment it comes back from (this form's only), and the address without the marks", () => {
    const back = `${returnUrlFor('https://shop.test/pay?ref=news', 'form_x', paymentId)}&payment_intent=pi_1&payment_intent_client_secret=pi_1_secret_2&redirect_status=succeeded`;
    expect(returnedPayment(back, 'form_x')).toEqual({ paymentId, strip: 'https://shop.test/pay?ref=news' });
    expect(returnedPayment(back, 'form_y')).toBeNull();
    expect(returnedPayment('https://shop.test/pay?onepagepay_form=form_x&onepagepay_payment=pay_../../x', 'form_x')).toBeNull();
    expect(returnedPayment('https://shop.test/pay', 'form_x')).toBeNull();
  });

  it('resuming says how the payment ended: paid, processing, or not completed (with the stored reason)', async () => {
    const { stripe, elements } = fakeStripe([]);
    const resume = async (answer: CompletedPayment) => new CardCheckout(fakeApi([answer]).api, 'form_x', stripe, elements, { allowRedirects: true, href: () => 'https://shop.test/' }).resume(paymentId);
    expect(await resume(payment({ status: 'succeeded' }))).toMatchObject({ kind: 'succeeded' });
    expect(await resume(payment({ status: 'processing' }))).toMatchObject({ kind: 'processing' });
    expect(await resume(payment({ status: 'failed', failureMessage: 'The payment was declined.' }))).toEqual({ kind: 'failed', message: 'The payment was declined.', code: 'redirect_not_completed' });
    expect(await resume(payment({ status: 'requires_action' }))).toEqual({ kind: 'failed', message: null, code: 'redirect_not_completed' });
  });
});

describe('completeWithRetry', () => {
  it('retries network errors and 5xx, then answers', async () => {
    const { api, completes } = fakeApi([new ApiError(0, 'network', 'x'), new ApiError(503, 'provider_unavailable', 'x'), payment({ status: 'succeeded' })]);
    expect(await completeWithRetry(api, 'pay_1', [1, 1, 1])).toMatchObject({ status: 'succeeded' });
    expect(completes()).toBe(3);
  });

  it('does not retry a 4xx', async () => {
    const { api, completes } = fakeApi([new ApiError(404, 'not_found', 'Payment not found.')]);
    await expect(completeWithRetry(api, 'pay_1', [1, 1])).rejects.toMatchObject({ status: 404 });
    expect(completes()).toBe(1);
  });
});
