import type { FastifyInstance } from 'fastify';
import { scopeOf } from './auth.js';
import type { Scope, StripeEnv } from './env.js';
import { invalidRequest, resourceMissing } from './errors.js';
import { render, renderList } from './expand.js';
import { newId } from './ids.js';
import { createdFilter, listPage } from './list.js';
import type { Price, Subscription, SubscriptionItem } from './objects.js';
import { allowOnly, applyMetadata, bool, expandList, int, list, obj, readParams, str, type Params } from './params.js';
import { findPrice, newPrice } from './catalog.js';
import { addInterval, chargeInvoice, createSubscriptionInvoice, endSubscription } from './billing.js';
import { resolvePaymentMethod } from './payment-methods.js';

const createParams = [
  'customer', 'items', 'payment_behavior', 'payment_settings', 'default_payment_method', 'metadata', 'expand', 'collection_method',
  'description', 'currency', 'cancel_at_period_end', 'off_session', 'proration_behavior', 'automatic_tax', 'default_tax_rates',
  'billing_cycle_anchor', 'days_until_due', 'discounts', 'add_invoice_items', 'application_fee_percent', 'on_behalf_of', 'transfer_data', 'billing_mode',
];
const behaviors = ['allow_incomplete', 'default_incomplete', 'error_if_incomplete', 'pending_if_incomplete'];

function itemPrice(env: StripeEnv, scope: Scope, item: Params, i: number): Price {
  allowOnly(item, ['price', 'price_data', 'quantity', 'metadata', 'discounts', 'tax_rates'], `items[${i}]`);
  const priceId = str(item, 'price');
  const priceData = obj(item, 'price_data');
  let price: Price;
  if (priceId) price = findPrice(scope, priceId, `items[${i}][price]`);
  else if (priceData) price = newPrice(env, scope, priceData, str(priceData, 'product', true), `items[${i}][price_data]`);
  else throw invalidRequest(`Missing required param: items[${i}][price].`, { code: 'parameter_missing', param: `items[${i}][price]` });
  if (!price.recurring) {
    throw invalidRequest(`The price specified is set to \`type=one_time\` but this field only accepts prices with \`type=recurring\`.`, { param: `items[${i}][price]` });
  }
  return price;
}

function find(scope: Scope, id: string): Subscription {
  const sub = scope.data.subscriptions.get(id);
  if (!sub) throw resourceMissing('subscription', id, 'subscription_exposed_id');
  return sub;
}

/**
 * Subscriptions: `payment_behavior=default_incomplete` starts `incomplete` with an open first
 * invoice whose PaymentIntent the browser confirms (`latest_invoice.confirmation_secret`, or
 * the legacy `latest_invoice.payment_intent`); renewals follow the sandbox clock (billing.ts).
 */
export function registerSubscriptionRoutes(app: FastifyInstance, env: StripeEnv) {
  app.post('/v1/subscriptions', async (req) => {
    const scope = scopeOf(req);
    const params = readParams(req);
    allowOnly(params, createParams);
    const customerId = str(params, 'customer', true);
    const customer = scope.data.customers.get(customerId);
    if (!customer) throw resourceMissing('customer', customerId, 'customer');
    const items = list(params, 'items');
    if (!items || items.length === 0) throw invalidRequest('Missing required param: items.', { code: 'parameter_missing', param: 'items' });
    const behavior = str(params, 'payment_behavior') ?? 'allow_incomplete';
    if (!behaviors.includes(behavior)) throw invalidRequest(`Invalid payment_behavior: must be one of ${behaviors.join(', ')}`, { param: 'payment_behavior' });
    const prices = items.map((item, i) => itemPrice(env, scope, item as Params, i));
    const cur = prices[0].currency;
    if (prices.some((p) => p.currency !== cur)) throw invalidRequest('All prices on a subscription must have the same currency.', { param: 'items' });
    const first = prices[0].recurring!;
    if (prices.some((p) => p.recurring!.interval !== first.interval || p.recurring!.interval_count !== first.interval_count)) {
      throw invalidRequest('All prices on a subscription must have the same `recurring.interval` and `recurring.interval_count`.', { param: 'items' });
    }
    const now = env.clock.nowSeconds();
    const end = addInterval(now, first);
    const id = newId('sub');
    const settings = obj(params, 'payment_settings') ?? {};
    const pmId = str(params, 'default_payment_method');
    const subItems: SubscriptionItem[] = prices.map((price, i) => ({
      id: newId('si'),
      object: 'subscription_item',
      billing_thresholds: null,
      created: now,
      current_period_end: end,
      current_period_start: now,
      discounts: [],
      metadata: applyMetadata({}, (items[i] as Params).metadata),
      price: structuredClone(price),
      quantity: int(items[i] as Params, 'quantity', { min: 1 }) ?? 1,
      subscription: id,
      tax_rates: [],
    }));
    const sub: Subscription = {
      id,
      object: 'subscription',
      application: null,
      application_fee_percent: null,
      automatic_tax: { disabled_reason: null, enabled: false, liability: null },
      billing_cycle_anchor: now,
      billing_mode: { type: 'flexible' },
      cancel_at: null,
      cancel_at_period_end: bool(params, 'cancel_at_period_end') ?? false,
      canceled_at: null,
      cancellation_details: { comment: null, feedback: null, reason: null },
      collection_method: 'charge_automatically',
      created: now,
      currency: cur,
      customer: customerId,
      days_until_due: null,
      default_payment_method: pmId ? resolvePaymentMethod(env, scope, pmId, 'default_payment_method').id : null,
      default_source: null,
      description: str(params, 'description') ?? null,
      discounts: [],
      ended_at: null,
      items: { object: 'list', data: subItems, has_more: false, total_count: subItems.length, url: `/v1/subscription_items?subscription=${id}` },
      latest_invoice: null,
      livemode: scope.livemode,
      metadata: applyMetadata({}, params.metadata),
      on_behalf_of: null,
      pause_collection: null,
      payment_settings: {
        payment_method_options: null,
        payment_method_types: null,
        save_default_payment_method: settings.save_default_payment_method === 'on_subscription' ? 'on_subscription' : 'off',
      },
      pending_invoice_item_interval: null,
      pending_setup_intent: null,
      pending_update: null,
      schedule: null,
      start_date: now,
      status: 'incomplete',
      test_clock: null,
      transfer_data: null,
      trial_end: null,
      trial_settings: { end_behavior: { missing_payment_method: 'create_invoice' } },
      trial_start: null,
    };
    scope.data.subscriptions.set(id, sub);
    const { invoice, pi } = createSubscriptionInvoice(env, scope, sub, 'subscription_create');
    sub.latest_invoice = invoice.id;
    if (!pi) sub.status = 'active';
    env.emit(scope, 'customer.subscription.created', sub);
    if (pi && behavior !== 'default_incomplete') {
      const hasMethod = sub.default_payment_method ?? customer.invoice_settings.default_payment_method;
      if (!hasMethod && behavior === 'error_if_incomplete') {
        throw invalidRequest('This customer has no attached payment source or default payment method. Please consider adding a default payment method.', { code: 'resource_missing', param: 'default_payment_method' });
      }
      if (hasMethod) chargeInvoice(env, scope, sub, invoice, pi);
    }
    return render(scope, sub, expandList(params));
  });

  app.get('/v1/subscriptions', async (req) => {
    const scope = scopeOf(req);
    const params = readParams(req);
    allowOnly(params, ['customer', 'price', 'status', 'created', 'limit', 'starting_after', 'ending_before', 'expand', 'collection_method']);
    const customer = str(params, 'customer');
    const status = str(params, 'status');
    const price = str(params, 'price');
    const inCreated = createdFilter(params);
    const items = [...scope.data.subscriptions.values()].filter(
      (s) =>
        (!customer || s.customer === customer) &&
        (status === 'all' || (status ? s.status === status : s.status !== 'canceled')) &&
        (!price || s.items.data.some((i) => i.price.id === price)) &&
        inCreated(s.created),
    );
    return renderList(scope, listPage(items, params, '/v1/subscriptions'), expandList(params));
  });

  app.get<{ Params: { id: string } }>('/v1/subscriptions/:id', async (req) => {
    const scope = scopeOf(req);
    return render(scope, find(scope, req.params.id), expandList(readParams(req)));
  });

  app.post<{ Params: { id: string } }>('/v1/subscriptions/:id', async (req) => {
    const scope = scopeOf(req);
    const sub = find(scope, req.params.id);
    const params = readParams(req);
    allowOnly(params, ['metadata', 'cancel_at_period_end', 'default_payment_method', 'description', 'expand', 'payment_settings', 'proration_behavior', 'off_session', 'payment_behavior']);
    const previous: Record<string, unknown> = {};
    const cape = bool(params, 'cancel_at_period_end');
    if (cape !== undefined && cape !== sub.cancel_at_period_end) {
      previous.cancel_at_period_end = sub.cancel_at_period_end;
      sub.cancel_at_period_end = cape;
      sub.cancel_at = cape ? sub.items.data[0].current_period_end : null;
      sub.canceled_at = cape ? env.clock.nowSeconds() : null;
    }
    const pmId = str(params, 'default_payment_method');
    if (pmId) {
      previous.default_payment_method = sub.default_payment_method;
      sub.default_payment_method = resolvePaymentMethod(env, scope, pmId, 'default_payment_method').id;
    }
    if (params.description !== undefined) sub.description = str(params, 'description') ?? null;
    if (params.metadata !== undefined) {
      previous.metadata = sub.metadata;
      sub.metadata = applyMetadata(sub.metadata, params.metadata);
    }
    if (Object.keys(previous).length) env.emit(scope, 'customer.subscription.updated', sub, previous);
    return render(scope, sub, expandList(params));
  });

  app.delete<{ Params: { id: string } }>('/v1/subscriptions/:id', async (req) => {
    const scope = scopeOf(req);
    const sub = find(scope, req.params.id);
    if (sub.status === 'canceled' || sub.status === 'incomplete_expired') {
      throw invalidRequest(`A canceled subscription can only update its cancellation_details and metadata.`, { code: 'resource_missing' });
    }
    endSubscription(env, scope, sub);
    return render(scope, sub, expandList(readParams(req)));
  });
}
