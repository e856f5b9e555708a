import { backgroundScope, type Scope, type StripeEnv } from './env.js';
import { StripeApiError } from './errors.js';
import { newId } from './ids.js';
import type { Invoice, PaymentIntent, Recurring, Subscription } from './objects.js';
import { confirmPaymentIntent } from './confirm.js';
import { newPaymentIntent } from './payment-intents.js';

/** Incomplete subscriptions expire after 23 hours, as Stripe's do. */
export const incompleteExpiryMs = 23 * 3_600_000;

/** Adds a billing interval in UTC, keeping the anchor's day of month where the month has it. */
export function addInterval(startSeconds: number, recurring: Pick<Recurring, 'interval' | 'interval_count'>, anchorDay?: number): number {
  const d = new Date(startSeconds * 1000);
  const n = recurring.interval_count;
  if (recurring.interval === 'day') return startSeconds + n * 86_400;
  if (recurring.interval === 'week') return startSeconds + n * 7 * 86_400;
  const months = recurring.interval === 'month' ? n : 12 * n;
  const day = anchorDay ?? d.getUTCDate();
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return Math.floor(target.getTime() / 1000);
}

/** Creates, finalizes and (when it is not zero) attaches a PaymentIntent to a subscription invoice. */
export function createSubscriptionInvoice(env: StripeEnv, scope: Scope, sub: Subscription, reason: 'subscription_create' | 'subscription_cycle'): { invoice: Invoice; pi: PaymentIntent | null } {
  const now = env.clock.nowSeconds();
  const id = newId('in');
  const customer = scope.data.customers.get(sub.customer);
  const period = { start: sub.items.data[0].current_period_start, end: sub.items.data[0].current_period_end };
  const lines = sub.items.data.map((item) => {
    const product = scope.data.products.get(item.price.product);
    return {
      id: newId('il'),
      object: 'line_item',
      amount: item.price.unit_amount * item.quantity,
      currency: sub.currency,
      description: `${item.quantity} × ${product?.name ?? item.price.product}`,
      discount_amounts: [],
      discountable: true,
      discounts: [],
      invoice: id,
      livemode: scope.livemode,
      metadata: {},
      parent: { subscription_item_details: { invoice_item: null, proration: false, proration_details: { credited_items: null }, subscription: sub.id, subscription_item: item.id }, type: 'subscription_item_details' },
      period,
      pricing: { price_details: { price: item.price.id, product: item.price.product }, type: 'price_details', unit_amount_decimal: String(item.price.unit_amount) },
      quantity: item.quantity,
      taxes: [],
    };
  });
  const total = lines.reduce((sum, l) => sum + l.amount, 0);
  const sequence = scope.data.invoices.size + 1;
  const invoice: Invoice = {
    id,
    object: 'invoice',
    account_country: 'US',
    account_name: 'OnePagePay Sandbox',
    amount_due: total,
    amount_overpaid: 0,
    amount_paid: 0,
    amount_remaining: total,
    amount_shipping: 0,
    attempt_count: 0,
    attempted: false,
    auto_advance: true,
    automatic_tax: { enabled: false, liability: null, status: null },
    billing_reason: reason,
    collection_method: 'charge_automatically',
    created: now,
    currency: sub.currency,
    customer: sub.customer,
    customer_email: customer?.email ?? null,
    customer_name: customer?.name ?? null,
    default_payment_method: null,
    description: null,
    discounts: [],
    due_date: null,
    effective_at: now,
    hosted_invoice_url: `${env.baseUrl()}/__sandbox/stripe/invoices/${id}`,
    lines: { object: 'list', data: lines, has_more: false, total_count: lines.length, url: `/v1/invoices/${id}/lines` },
    livemode: scope.livemode,
    metadata: {},
    next_payment_attempt: null,
    number: `${String(customer?.invoice_prefix ?? 'SANDBOX')}-${String(sequence).padStart(4, '0')}`,
    parent: { type: 'subscription_details', subscription_details: { subscription: sub.id, metadata: { ...sub.metadata } } },
    payment_settings: { default_mandate: null, payment_method_options: null, payment_method_types: null },
    // Stripe's invoice period covers usage before the invoice; for licensed prices both are the period's start.
    period_end: period.start,
    period_start: period.start,
    status: 'open',
    status_transitions: { finalized_at: now, marked_uncollectible_at: null, paid_at: null, voided_at: null },
    subtotal: total,
    subtotal_excluding_tax: total,
    total,
    total_discount_amounts: [],
    total_excluding_tax: total,
    total_taxes: [],
    webhooks_delivered_at: null,
  };
  scope.data.invoices.set(id, invoice);
  env.emit(scope, 'invoice.created', invoice);
  env.emit(scope, 'invoice.finalized', invoice);
  if (total === 0) {
    markPaid(env, scope, invoice);
    return { invoice, pi: null };
  }
  const pi = newPaymentIntent(env, scope, {
    amount: total,
    currency: sub.currency,
    customer: sub.customer,
    description: reason === 'subscription_create' ? 'Subscription creation' : 'Subscription update',
    setup_future_usage: 'off_session',
  });
  scope.data.invoicePaymentIntent.set(id, pi.id);
  scope.data.paymentIntentInvoice.set(pi.id, id);
  env.emit(scope, 'payment_intent.created', pi);
  return { invoice, pi };
}

function markPaid(env: StripeEnv, scope: Scope, invoice: Invoice): void {
  invoice.status = 'paid';
  invoice.amount_paid = invoice.amount_due;
  invoice.amount_remaining = 0;
  invoice.attempted = true;
  invoice.status_transitions.paid_at = env.clock.nowSeconds();
  env.emit(scope, 'invoice.paid', invoice);
  env.emit(scope, 'invoice.payment_succeeded', invoice);
}

function setStatus(env: StripeEnv, scope: Scope, sub: Subscription, status: Subscription['status'], extra: Record<string, unknown> = {}): void {
  if (sub.status === status) return;
  const previous = { status: sub.status, ...extra };
  sub.status = status;
  env.emit(scope, 'customer.subscription.updated', sub, previous);
}

/** Billing's reaction to a PaymentIntent reaching an outcome: pays (or fails) its invoice and moves the subscription. */
export function onPaymentIntentSettled(env: StripeEnv, scope: Scope, pi: PaymentIntent): void {
  const invoiceId = scope.data.paymentIntentInvoice.get(pi.id);
  const invoice = invoiceId ? scope.data.invoices.get(invoiceId) : undefined;
  if (!invoice || invoice.status !== 'open') return;
  const sub = invoice.parent ? scope.data.subscriptions.get(invoice.parent.subscription_details.subscription) : undefined;
  if (pi.status === 'succeeded') {
    invoice.attempt_count += 1;
    markPaid(env, scope, invoice);
    if (!sub) return;
    const extra: Record<string, unknown> = {};
    if (sub.payment_settings.save_default_payment_method === 'on_subscription' && pi.payment_method && sub.default_payment_method !== pi.payment_method) {
      extra.default_payment_method = sub.default_payment_method;
      sub.default_payment_method = pi.payment_method;
    }
    if (sub.status === 'incomplete' || sub.status === 'past_due' || sub.status === 'unpaid') setStatus(env, scope, sub, 'active', extra);
    else if (Object.keys(extra).length) env.emit(scope, 'customer.subscription.updated', sub, extra);
  } else if (pi.status === 'requires_payment_method' && pi.last_payment_error) {
    invoice.attempt_count += 1;
    invoice.attempted = true;
    env.emit(scope, 'invoice.payment_failed', invoice);
    if (sub && sub.status === 'active') setStatus(env, scope, sub, 'past_due');
  }
}

/** Tries to pay an open invoice off-session with the subscription's (or customer's) default payment method. */
export function chargeInvoice(env: StripeEnv, scope: Scope, sub: Subscription, invoice: Invoice, pi: PaymentIntent | null): void {
  if (!pi) return;
  const customer = scope.data.customers.get(sub.customer);
  const pm = sub.default_payment_method ?? customer?.invoice_settings.default_payment_method ?? null;
  if (!pm) {
    invoice.attempt_count += 1;
    invoice.attempted = true;
    env.emit(scope, 'invoice.payment_failed', invoice);
    if (sub.status === 'active') setStatus(env, scope, sub, 'past_due');
    return;
  }
  try {
    confirmPaymentIntent(env, scope, pi, { payment_method: pm, off_session: 'true' }, false);
  } catch (err) {
    // A decline is recorded on the PI and the invoice (through onPaymentIntentSettled).
    if (!(err instanceof StripeApiError)) throw err;
  }
}

/** Renews subscriptions whose period ended and expires stale incomplete ones, at sandbox time `nowMs`. */
export function runBilling(env: StripeEnv, nowMs: number): void {
  const now = Math.floor(nowMs / 1000);
  for (const data of env.store.all()) {
    const scope = backgroundScope(data);
    for (const sub of data.subscriptions.values()) {
      if (sub.status === 'incomplete' && sub.created * 1000 + incompleteExpiryMs <= nowMs) {
        expireIncomplete(env, scope, sub);
        continue;
      }
      for (let guard = 0; guard < 500 && (sub.status === 'active' || sub.status === 'past_due'); guard++) {
        const end = sub.items.data[0].current_period_end;
        if (end > now) break;
        if (sub.cancel_at_period_end) {
          endSubscription(env, scope, sub);
          break;
        }
        const previous = { items: structuredClone(sub.items), latest_invoice: sub.latest_invoice };
        for (const item of sub.items.data) {
          item.current_period_start = end;
          item.current_period_end = addInterval(end, item.price.recurring!, new Date(Number(sub.billing_cycle_anchor) * 1000).getUTCDate());
        }
        const { invoice, pi } = createSubscriptionInvoice(env, scope, sub, 'subscription_cycle');
        sub.latest_invoice = invoice.id;
        env.emit(scope, 'customer.subscription.updated', sub, previous);
        chargeInvoice(env, scope, sub, invoice, pi);
      }
    }
  }
}

function expireIncomplete(env: StripeEnv, scope: Scope, sub: Subscription): void {
  const invoice = sub.latest_invoice ? scope.data.invoices.get(sub.latest_invoice) : undefined;
  if (invoice && invoice.status === 'open') {
    invoice.status = 'void';
    invoice.status_transitions.voided_at = env.clock.nowSeconds();
    env.emit(scope, 'invoice.voided', invoice);
    const piId = scope.data.invoicePaymentIntent.get(invoice.id);
    const pi = piId ? scope.data.paymentIntents.get(piId) : undefined;
    if (pi && pi.status !== 'succeeded' && pi.status !== 'canceled') {
      pi.status = 'canceled';
      pi.canceled_at = env.clock.nowSeconds();
      pi.cancellation_reason = 'automatic';
      env.emit(scope, 'payment_intent.canceled', pi);
    }
  }
  sub.status = 'incomplete_expired';
  sub.ended_at = env.clock.nowSeconds();
  env.emit(scope, 'customer.subscription.deleted', sub, { status: 'incomplete' });
}

/** Ends a subscription now (cancel, or the end of a period with `cancel_at_period_end`). */
export function endSubscription(env: StripeEnv, scope: Scope, sub: Subscription): void {
  const previous = { status: sub.status };
  sub.status = 'canceled';
  sub.canceled_at = sub.canceled_at ?? env.clock.nowSeconds();
  sub.ended_at = env.clock.nowSeconds();
  env.emit(scope, 'customer.subscription.deleted', sub, previous);
}
