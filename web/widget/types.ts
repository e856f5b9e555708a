/** The public payment API's shapes (docs/public-api.md), as the widget reads them. */

export type Selection = 'fixed' | 'pick_one' | 'pick_many';

export interface ConfigItem {
  priceId: string;
  productName: string;
  description: string;
  nickname: string;
  type: 'fixed' | 'custom';
  unitAmount: number | null;
  maxQuantity: number;
  minAmount: number | null;
  maxAmount: number | null;
}

export interface StripeProvider {
  publishableKey: string;
  /** Where Stripe.js is loaded from: js.stripe.com, or the Stripe stand-in's /v3/ in sandbox mode. */
  jsUrl: string;
}

export interface PayPalProvider {
  clientId: string;
  /** The PayPal JS SDK (`…/sdk/js`); the widget adds client-id, currency and intent. */
  jsUrl: string;
}

export interface FormConfig {
  object: 'form_config';
  accountId: string;
  formId: string;
  mode: string;
  name: string;
  currency: string;
  selection: Selection;
  items: ConfigItem[];
  hubspot: { portalId: string; formId: string } | null;
  successMessage: string | null;
  redirectUrl: string | null;
  providers: { stripe: StripeProvider | null; paypal: PayPalProvider | null };
  available: boolean;
  message: string | null;
}

export interface Contact {
  email: string;
  firstName?: string;
  lastName?: string;
  phone?: string;
}

export type OrderLine = { priceId: string; quantity: number } | { priceId: string; amount: number };

export interface CreatePaymentBody {
  idempotencyKey: string;
  provider: 'stripe' | 'paypal';
  contact: Contact;
  items: OrderLine[];
  hubspotFields?: Record<string, string>;
}

export type PaymentStatus =
  | 'pending'
  | 'requires_action'
  | 'processing'
  | 'succeeded'
  | 'failed'
  | 'canceled'
  | 'refunded'
  | 'partially_refunded';

export interface Payment {
  object: 'payment';
  id: string;
  status: PaymentStatus;
  amount: number;
  currency: string;
  provider: 'stripe' | 'paypal';
  stripe?: { clientSecret: string; publishableKey: string };
  paypal?: { orderId: string };
  failureMessage?: string | null;
  successMessage?: string | null;
  redirectUrl?: string | null;
}
