/**
 * Shapes of the Stripe objects the stand-in keeps. Only the fields the stand-in reads or
 * writes are typed; the rest ride along as in Stripe's API reference.
 */
export type Metadata = Record<string, string>;

export interface StripeObject {
  id: string;
  object: string;
  created: number;
  livemode: boolean;
  [field: string]: unknown;
}

export type PaymentIntentStatus =
  | 'requires_payment_method'
  | 'requires_confirmation'
  | 'requires_action'
  | 'processing'
  | 'requires_capture'
  | 'canceled'
  | 'succeeded';

export interface PaymentIntent extends StripeObject {
  object: 'payment_intent';
  amount: number;
  amount_capturable: number;
  amount_received: number;
  currency: string;
  customer: string | null;
  client_secret: string;
  status: PaymentIntentStatus;
  capture_method: 'automatic' | 'automatic_async' | 'manual';
  payment_method: string | null;
  latest_charge: string | null;
  last_payment_error: Record<string, unknown> | null;
  next_action: Record<string, unknown> | null;
  metadata: Metadata;
  setup_future_usage: string | null;
  description: string | null;
  receipt_email: string | null;
  canceled_at: number | null;
  cancellation_reason: string | null;
}

export interface Charge extends StripeObject {
  object: 'charge';
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  captured: boolean;
  currency: string;
  customer: string | null;
  paid: boolean;
  refunded: boolean;
  payment_intent: string | null;
  payment_method: string | null;
  disputed: boolean;
  status: 'succeeded' | 'pending' | 'failed';
  failure_code: string | null;
  failure_message: string | null;
  metadata: Metadata;
}

export interface Refund extends StripeObject {
  object: 'refund';
  amount: number;
  charge: string;
  payment_intent: string | null;
  currency: string;
  status: 'pending' | 'requires_action' | 'succeeded' | 'failed' | 'canceled';
  reason: string | null;
  metadata: Metadata;
  /** Set when a refund fails: why, and the balance transaction that gave the money back. */
  failure_reason?: string;
  failure_balance_transaction?: string;
}

export type DisputeStatus = 'warning_needs_response' | 'warning_under_review' | 'warning_closed' | 'needs_response' | 'under_review' | 'won' | 'lost';

export interface Dispute extends StripeObject {
  object: 'dispute';
  amount: number;
  charge: string;
  payment_intent: string | null;
  currency: string;
  reason: string;
  status: DisputeStatus;
  is_charge_refundable: boolean;
  evidence: Record<string, string | null>;
  evidence_details: { due_by: number; has_evidence: boolean; past_due: boolean; submission_count: number };
  balance_transactions: unknown[];
  metadata: Metadata;
}

/** Money moving in or out of the account's balance, with Stripe's fee taken (balance-transactions.ts). */
export interface BalanceTransaction extends StripeObject {
  object: 'balance_transaction';
  amount: number;
  currency: string;
  fee: number;
  fee_details: { amount: number; application: null; currency: string; description: string; type: 'stripe_fee' }[];
  net: number;
  source: string;
  type: 'charge' | 'payment' | 'refund' | 'refund_failure';
  reporting_category: 'charge' | 'refund' | 'refund_failure';
  status: 'pending' | 'available';
  available_on: number;
  exchange_rate: null;
  description: string | null;
}

export interface PaymentMethod extends StripeObject {
  object: 'payment_method';
  type: 'card' | 'klarna' | 'sepa_debit';
  customer: string | null;
  /** Only on card payment methods (`klarna` and `sepa_debit` ride along as untyped fields). */
  card?: { brand: string; last4: string; exp_month: number; exp_year: number; [k: string]: unknown };
  metadata: Metadata;
}

export interface Customer extends StripeObject {
  object: 'customer';
  email: string | null;
  name: string | null;
  metadata: Metadata;
  invoice_settings: { default_payment_method: string | null; [k: string]: unknown };
}

export interface Product extends StripeObject {
  object: 'product';
  name: string;
  active: boolean;
  default_price: string | null;
  metadata: Metadata;
  updated: number;
}

export interface Recurring {
  interval: 'day' | 'week' | 'month' | 'year';
  interval_count: number;
  meter: null;
  usage_type: 'licensed';
  trial_period_days: number | null;
}

export interface Price extends StripeObject {
  object: 'price';
  active: boolean;
  currency: string;
  product: string;
  unit_amount: number;
  recurring: Recurring | null;
  type: 'one_time' | 'recurring';
  lookup_key: string | null;
  metadata: Metadata;
}

export type SubscriptionStatus =
  | 'incomplete'
  | 'incomplete_expired'
  | 'trialing'
  | 'active'
  | 'past_due'
  | 'canceled'
  | 'unpaid'
  | 'paused';

export interface SubscriptionItem {
  id: string;
  object: 'subscription_item';
  created: number;
  current_period_start: number;
  current_period_end: number;
  metadata: Metadata;
  price: Price;
  quantity: number;
  subscription: string;
  [field: string]: unknown;
}

export interface Subscription extends StripeObject {
  object: 'subscription';
  customer: string;
  currency: string;
  status: SubscriptionStatus;
  items: { object: 'list'; data: SubscriptionItem[]; has_more: false; total_count: number; url: string };
  latest_invoice: string | null;
  default_payment_method: string | null;
  cancel_at_period_end: boolean;
  canceled_at: number | null;
  ended_at: number | null;
  metadata: Metadata;
  payment_settings: { save_default_payment_method: 'off' | 'on_subscription'; [k: string]: unknown };
}

export interface Invoice extends StripeObject {
  object: 'invoice';
  customer: string;
  currency: string;
  status: 'draft' | 'open' | 'paid' | 'uncollectible' | 'void';
  amount_due: number;
  amount_paid: number;
  amount_remaining: number;
  attempt_count: number;
  attempted: boolean;
  billing_reason: string;
  period_start: number;
  period_end: number;
  parent: { type: 'subscription_details'; subscription_details: { subscription: string; metadata: Metadata } } | null;
  status_transitions: { finalized_at: number | null; paid_at: number | null; voided_at: number | null; marked_uncollectible_at: null };
  metadata: Metadata;
}

export interface WebhookEndpoint extends StripeObject {
  object: 'webhook_endpoint';
  url: string;
  enabled_events: string[];
  status: 'enabled' | 'disabled';
  metadata: Metadata;
}

export interface StripeEvent extends StripeObject {
  object: 'event';
  type: string;
  api_version: string;
  data: { object: StripeObject; previous_attributes?: Record<string, unknown> };
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
}
