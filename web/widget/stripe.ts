import { loadScript } from './load-script.js';

/** The part of Stripe.js (v3) the widget uses: the Payment Element in deferred-intent mode and confirmPayment. */
export interface StripeError {
  type: string;
  code?: string;
  decline_code?: string;
  message?: string;
}

export interface StripeElement {
  mount(target: Element): void;
  on(event: 'change', handler: (e: { complete: boolean; empty?: boolean }) => void): void;
  on(event: 'ready', handler: () => void): void;
  destroy(): void;
}

export interface StripeElements {
  create(type: 'payment', options?: Record<string, unknown>): StripeElement;
  submit(): Promise<{ error?: StripeError }>;
  update(options: { amount?: number; currency?: string }): void;
}

export interface StripeInstance {
  elements(options: {
    mode: 'payment';
    amount: number;
    currency: string;
    appearance?: Record<string, unknown>;
    locale?: string;
    /** Only these methods (e.g. cards where the page must not be left); otherwise those turned on in the merchant's Dashboard. */
    paymentMethodTypes?: string[];
  }): StripeElements;
  confirmPayment(options: {
    elements: StripeElements;
    clientSecret: string;
    confirmParams: { return_url: string; payment_method_data?: { billing_details?: { name?: string; email?: string; phone?: string } } };
    redirect: 'if_required';
  }): Promise<{ error?: StripeError & { payment_intent?: { id: string; status: string } }; paymentIntent?: { id: string; status: string } }>;
}

type StripeFactory = (publishableKey: string) => StripeInstance;

const instances = new Map<string, Promise<StripeInstance>>();

/**
 * Stripe.js from the URL the form config names (js.stripe.com, or the sandbox stand-in), loaded once
 * per page, and one Stripe instance per publishable key shared by every widget on the page.
 */
export function loadStripe(jsUrl: string, publishableKey: string): Promise<StripeInstance> {
  let instance = instances.get(publishableKey);
  if (!instance) {
    instance = loadScript(jsUrl).then(() => {
      const factory = (window as unknown as { Stripe?: StripeFactory }).Stripe;
      if (typeof factory !== 'function') throw new Error('Stripe.js did not define window.Stripe');
      return factory(publishableKey);
    });
    instance.catch(() => instances.delete(publishableKey));
    instances.set(publishableKey, instance);
  }
  return instance;
}
