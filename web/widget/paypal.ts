import { newIdempotencyKey, type PublicApi } from './api.js';
import { completeWithRetry, type Outcome, type PayRequest } from './checkout.js';
import { loadScript } from './load-script.js';
import type { PayPalProvider } from './types.js';

interface PayPalButtons {
  render(target: Element): Promise<void>;
}
interface PayPalActions {
  /** Opens PayPal again on the same order, for the buyer to choose another funding source. */
  restart(): Promise<void>;
}
type PayPalNamespace = {
  Buttons(options: {
    style?: Record<string, unknown>;
    onClick?: (data: unknown, actions: { resolve(): unknown; reject(): unknown }) => unknown;
    createOrder: () => Promise<string>;
    onApprove: (data: { orderID: string }, actions: PayPalActions) => Promise<void>;
    onCancel?: () => void;
    onError?: (error: unknown) => void;
  }): PayPalButtons;
};

/** The PayPal JS SDK for this client id and currency (loaded once per page). */
function sdkUrl(provider: PayPalProvider, currency: string): string {
  const url = new URL(provider.jsUrl);
  url.searchParams.set('client-id', provider.clientId);
  url.searchParams.set('currency', currency.toUpperCase());
  url.searchParams.set('intent', 'capture');
  return url.href;
}

export interface PayPalHandlers {
  /** The order and buyer to pay for, or null when the page is not ready (it shows why). */
  request(): PayRequest | null;
  busy(on: boolean): void;
  done(outcome: Outcome): void;
  failed(error: unknown): void;
}

/**
 * PayPal buttons in the mount: the click creates the payment on our server (provider "paypal",
 * which answers the PayPal order id), the buyer approves at PayPal, then `complete` captures and
 * answers the final status. A declined funding source reopens PayPal on the same order
 * (`actions.restart()`); Cancel or a closed window cancels the attempt, and the next click starts a new one.
 */
export async function renderPayPal(mount: Element, provider: PayPalProvider, currency: string, api: PublicApi, formId: string, on: PayPalHandlers): Promise<void> {
  await loadScript(sdkUrl(provider, currency));
  const paypal = (window as unknown as { paypal?: PayPalNamespace }).paypal;
  if (!paypal) throw new Error('the PayPal SDK did not define window.paypal');
  let request: PayRequest | null = null;
  let attempt: { key: string; fingerprint: string } | null = null;
  let paymentId = '';
  await paypal
    .Buttons({
      style: { shape: 'rect', label: 'paypal', height: 45 },
      onClick: (_data, actions) => {
        request = on.request();
        return request ? actions.resolve() : actions.reject();
      },
      createOrder: async () => {
        if (!request) throw new Error('no order');
        const fingerprint = JSON.stringify(request);
        if (!attempt || attempt.fingerprint !== fingerprint) attempt = { key: newIdempotencyKey(), fingerprint };
        on.busy(true);
        const payment = await api.createPayment(formId, { idempotencyKey: attempt.key, provider: 'paypal', ...request });
        paymentId = payment.id;
        if (!payment.paypal?.orderId) throw new Error('the payment has no PayPal order');
        return payment.paypal.orderId;
      },
      onApprove: async (_data, actions) => {
        const final = await completeWithRetry(api, paymentId);
        if (final.status === 'failed' && final.failureCode === 'instrument_declined') {
          // PayPal declined the funding source but the order stays open: PayPal's own answer is to let the buyer choose another.
          on.done({ kind: 'failed', message: final.failureMessage ?? null });
          await actions.restart();
          return;
        }
        on.busy(false);
        // The next click is a new attempt (a new payment) unless this one is still under way.
        if (final.status !== 'processing' && final.status !== 'pending') attempt = null;
        if (final.status === 'succeeded') on.done({ kind: 'succeeded', payment: final });
        else if (final.status === 'processing' || final.status === 'pending') on.done({ kind: 'processing', payment: final });
        else on.done({ kind: 'failed', message: final.failureMessage ?? null });
      },
      // Cancel at PayPal, or its window closed: this attempt is over (recorded as canceled) and the form stays usable.
      onCancel: () => {
        on.busy(false);
        const canceled = paymentId;
        attempt = null;
        paymentId = '';
        if (canceled) void api.cancel(canceled).catch(() => undefined);
      },
      onError: (error) => {
        on.busy(false);
        on.failed(error);
      },
    })
    .render(mount);
}
