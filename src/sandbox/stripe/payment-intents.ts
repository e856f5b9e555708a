import type { FastifyInstance, FastifyRequest } from 'fastify';
import { scopeOf } from './auth.js';
import type { Scope, StripeEnv } from './env.js';
import { invalidRequest, resourceMissing, StripeApiError, unexpectedState } from './errors.js';
import { render, renderList } from './expand.js';
import { newId, randomToken } from './ids.js';
import { createdFilter, listPage } from './list.js';
import type { PaymentIntent } from './objects.js';
import { allowOnly, applyMetadata, bool, currency, expandList, int, obj, readParams, str, stringList, type Params } from './params.js';
import { confirmPaymentIntent } from './confirm.js';
import { resolvePaymentMethod } from './payment-methods.js';
import { paymentMethodTypesFor } from './local-methods.js';
import { capturePaymentIntent, cancelPaymentIntent } from './capture-cancel.js';
import { zeroDecimal } from './zero-decimal.js';

const createParams = [
  'amount', 'currency', 'customer', 'description', 'metadata', 'payment_method', 'payment_method_types', 'automatic_payment_methods',
  'allowed_payment_method_types', 'confirm', 'capture_method', 'confirmation_method', 'receipt_email', 'setup_future_usage', 'statement_descriptor',
  'statement_descriptor_suffix', 'shipping', 'return_url', 'off_session', 'payment_method_data', 'payment_method_options',
  'expand', 'use_stripe_sdk', 'error_on_requires_action', 'mandate_data', 'application_fee_amount', 'transfer_data',
  'on_behalf_of', 'transfer_group', 'radar_options', 'excluded_payment_method_types', 'payment_method_configuration',
  'amount_details', 'payment_details', 'hooks',
] as const;
const confirmParams = [
  'payment_method', 'payment_method_data', 'return_url', 'expand', 'receipt_email', 'setup_future_usage', 'shipping', 'off_session',
  'use_stripe_sdk', 'error_on_requires_action', 'mandate_data', 'payment_method_options', 'payment_method_types', 'capture_method',
  'radar_options', 'confirmation_token', 'payment_details', 'amount_details', 'hooks',
] as const;
const updateParams = [
  'amount', 'currency', 'customer', 'description', 'metadata', 'payment_method', 'payment_method_types', 'receipt_email',
  'setup_future_usage', 'shipping', 'statement_descriptor', 'statement_descriptor_suffix', 'capture_method', 'expand',
  'payment_method_data', 'payment_method_options', 'transfer_group', 'application_fee_amount', 'excluded_payment_method_types',
  'payment_method_configuration', 'amount_details', 'payment_details', 'hooks', 'transfer_data',
] as const;

const symbols: Record<string, string> = { usd: '$', eur: '€', gbp: '£', cad: '$', aud: '$' };

/** Stripe's bounds: at least 50 cents (or 50 units of a zero-decimal currency), at most 99,999,999. */
export function checkAmount(amount: number, cur: string, param = 'amount'): void {
  const min = 50;
  if (amount < min) {
    const shown = zeroDecimal.has(cur) ? `${min}` : `${symbols[cur] ?? ''}${(min / 100).toFixed(2)}`;
    throw invalidRequest(`Amount must be at least ${shown} ${cur}`, { code: 'amount_too_small', param });
  }
  if (amount > 99_999_999) throw invalidRequest('Amount must be no more than 99,999,999 in the smallest currency unit.', { code: 'amount_too_large', param });
}

/** The object Stripe.js sees with a publishable key: no customer, metadata or other merchant-only fields. */
function publicView(pi: PaymentIntent): Record<string, unknown> {
  const hidden = ['customer', 'metadata', 'application', 'application_fee_amount', 'on_behalf_of', 'review', 'transfer_data', 'transfer_group', 'statement_descriptor', 'statement_descriptor_suffix'];
  const out: Record<string, unknown> = { ...structuredClone(pi) };
  for (const k of hidden) delete out[k];
  return out;
}

export function newPaymentIntent(env: StripeEnv, scope: Scope, fields: { amount: number; currency: string; customer: string | null; metadata?: Record<string, string>; description?: string | null; setup_future_usage?: string | null }): PaymentIntent {
  const id = newId('pi');
  const pi: PaymentIntent = {
    id,
    object: 'payment_intent',
    amount: fields.amount,
    amount_capturable: 0,
    amount_details: { tip: {} },
    amount_received: 0,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: { allow_redirects: 'always', enabled: true },
    canceled_at: null,
    cancellation_reason: null,
    capture_method: 'automatic_async',
    client_secret: `${id}_secret_${randomToken(25)}`,
    confirmation_method: 'automatic',
    created: env.clock.nowSeconds(),
    currency: fields.currency,
    customer: fields.customer,
    description: fields.description ?? null,
    excluded_payment_method_types: null,
    last_payment_error: null,
    latest_charge: null,
    livemode: scope.livemode,
    metadata: fields.metadata ?? {},
    next_action: null,
    on_behalf_of: null,
    payment_method: null,
    payment_method_configuration_details: { id: `pmc_${randomToken(24)}`, parent: null },
    payment_method_options: { card: { installments: null, mandate_options: null, network: null, request_three_d_secure: 'automatic' } },
    payment_method_types: ['card'],
    processing: null,
    receipt_email: null,
    review: null,
    setup_future_usage: fields.setup_future_usage ?? null,
    shipping: null,
    source: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: 'requires_payment_method',
    transfer_data: null,
    transfer_group: null,
  };
  scope.data.paymentIntents.set(pi.id, pi);
  return pi;
}

function checkCustomer(scope: Scope, id: string | undefined): string | null {
  if (!id) return null;
  if (!scope.data.customers.has(id)) throw resourceMissing('customer', id, 'customer');
  return id;
}

function findPi(scope: Scope, id: string): PaymentIntent {
  const pi = scope.data.paymentIntents.get(id);
  if (!pi) throw resourceMissing('payment_intent', id, 'intent');
  return pi;
}

/** With a publishable key the caller must also prove it holds the PaymentIntent's client secret. */
function checkClientSecret(req: FastifyRequest, pi: PaymentIntent, params: Params): void {
  if (scopeOf(req).key.kind !== 'publishable') return;
  const secret = str(params, 'client_secret');
  if (!secret) throw invalidRequest('You must provide a client_secret when using a publishable key to access a PaymentIntent.', { param: 'client_secret' });
  if (secret !== pi.client_secret) throw invalidRequest('The client_secret provided does not match the client_secret associated with the PaymentIntent.', { param: 'client_secret', code: 'payment_intent_invalid_parameter' });
}

function respond(req: FastifyRequest, scope: Scope, pi: PaymentIntent, params: Params) {
  if (scopeOf(req).key.kind === 'publishable') return publicView(pi);
  return render(scope, pi, expandList(params));
}

export function registerPaymentIntentRoutes(app: FastifyInstance, env: StripeEnv) {
  app.post('/v1/payment_intents', async (req) => {
    const scope = scopeOf(req);
    const params = readParams(req);
    allowOnly(params, createParams);
    const amount = int(params, 'amount', { required: true })!;
    const cur = currency(params);
    checkAmount(amount, cur);
    const apm = obj(params, 'automatic_payment_methods');
    const types = stringList(params, 'payment_method_types');
    const allowedTypes = stringList(params, 'allowed_payment_method_types');
    if ([apm, types, allowedTypes].filter(Boolean).length > 1) {
      throw invalidRequest('You may only specify one of these parameters: allowed_payment_method_types, automatic_payment_methods, payment_method_types.', { param: 'automatic_payment_methods' });
    }
    const pi = newPaymentIntent(env, scope, {
      amount,
      currency: cur,
      customer: checkCustomer(scope, str(params, 'customer')),
      metadata: applyMetadata({}, params.metadata),
      description: str(params, 'description') ?? null,
      setup_future_usage: str(params, 'setup_future_usage') ?? null,
    });
    if (types || allowedTypes) {
      pi.automatic_payment_methods = null;
      // allowed_payment_method_types keeps those the currency allows (Stripe filters silently); payment_method_types is taken as given.
      pi.payment_method_types = types ?? paymentMethodTypesFor(cur, { allowRedirects: true, allowed: allowedTypes });
      if (!(pi.payment_method_types as string[]).length) throw invalidRequest(`None of the allowed_payment_method_types can be used for a payment in ${cur}.`, { param: 'allowed_payment_method_types' });
    } else {
      const allowRedirects = (apm?.allow_redirects as string | undefined) ?? 'always';
      if (allowRedirects !== 'always' && allowRedirects !== 'never') throw invalidRequest('Invalid automatic_payment_methods[allow_redirects]: must be one of always or never', { param: 'automatic_payment_methods[allow_redirects]' });
      pi.automatic_payment_methods = { allow_redirects: allowRedirects, enabled: (apm && bool(apm, 'enabled')) ?? true };
      pi.payment_method_types = paymentMethodTypesFor(cur, { allowRedirects: allowRedirects === 'always' });
    }
    const captureMethod = str(params, 'capture_method');
    if (captureMethod === 'manual' || captureMethod === 'automatic' || captureMethod === 'automatic_async') pi.capture_method = captureMethod;
    pi.receipt_email = str(params, 'receipt_email') ?? null;
    pi.statement_descriptor = str(params, 'statement_descriptor') ?? null;
    pi.shipping = params.shipping ?? null;
    const pmId = str(params, 'payment_method');
    if (pmId) {
      pi.payment_method = resolvePaymentMethod(env, scope, pmId).id;
      pi.status = 'requires_confirmation';
    }
    env.emit(scope, 'payment_intent.created', pi);
    if (bool(params, 'confirm')) {
      const { payment_method: _pm, ...rest } = params;
      confirmPaymentIntent(env, scope, pi, rest, false);
    }
    return render(scope, pi, expandList(params));
  });

  app.get('/v1/payment_intents', async (req) => {
    const scope = scopeOf(req);
    const params = readParams(req);
    allowOnly(params, ['customer', 'created', 'limit', 'starting_after', 'ending_before', 'expand']);
    const customer = str(params, 'customer');
    const inCreated = createdFilter(params);
    const items = [...scope.data.paymentIntents.values()].filter((p) => (!customer || p.customer === customer) && inCreated(p.created));
    return renderList(scope, listPage(items, params, '/v1/payment_intents'), expandList(params));
  });

  app.get<{ Params: { id: string } }>('/v1/payment_intents/:id', async (req) => {
    const scope = scopeOf(req);
    const params = readParams(req);
    const pi = findPi(scope, req.params.id);
    checkClientSecret(req, pi, params);
    return respond(req, scope, pi, params);
  });

  app.post<{ Params: { id: string } }>('/v1/payment_intents/:id', async (req) => {
    const scope = scopeOf(req);
    const params = readParams(req);
    allowOnly(params, updateParams);
    const pi = findPi(scope, req.params.id);
    const previous: Record<string, unknown> = {};
    const changesMoney = params.amount !== undefined || params.currency !== undefined || params.payment_method !== undefined;
    if (changesMoney && !['requires_payment_method', 'requires_confirmation', 'requires_action'].includes(pi.status)) {
      throw unexpectedState(
        `This PaymentIntent's amount could not be updated because it has a status of ${pi.status}. You may only update the amount of a PaymentIntent with one of the following statuses: requires_payment_method, requires_confirmation, requires_action.`,
      );
    }
    const amount = int(params, 'amount');
    const cur = params.currency !== undefined ? currency(params) : pi.currency;
    if (amount !== undefined) {
      checkAmount(amount, cur);
      previous.amount = pi.amount;
      pi.amount = amount;
    }
    if (cur !== pi.currency) {
      previous.currency = pi.currency;
      pi.currency = cur;
      const automatic = pi.automatic_payment_methods as { allow_redirects: string } | null;
      if (automatic) pi.payment_method_types = paymentMethodTypesFor(cur, { allowRedirects: automatic.allow_redirects === 'always' });
    }
    if (params.customer !== undefined) pi.customer = checkCustomer(scope, str(params, 'customer'));
    if (params.description !== undefined) pi.description = str(params, 'description') ?? null;
    if (params.receipt_email !== undefined) pi.receipt_email = str(params, 'receipt_email') ?? null;
    if (params.setup_future_usage !== undefined) pi.setup_future_usage = str(params, 'setup_future_usage') ?? null;
    if (params.shipping !== undefined) pi.shipping = params.shipping || null;
    if (params.metadata !== undefined) {
      previous.metadata = pi.metadata;
      pi.metadata = applyMetadata(pi.metadata, params.metadata);
    }
    const pmId = str(params, 'payment_method');
    if (pmId) {
      pi.payment_method = resolvePaymentMethod(env, scope, pmId).id;
      if (pi.status === 'requires_payment_method') pi.status = 'requires_confirmation';
    }
    if (Object.keys(previous).length) env.emit(scope, 'payment_intent.updated', pi, previous);
    return render(scope, pi, expandList(params));
  });

  app.post<{ Params: { id: string } }>('/v1/payment_intents/:id/confirm', async (req) => {
    const scope = scopeOf(req);
    const params = readParams(req);
    const pi = findPi(scope, req.params.id);
    const fromBrowser = scope.key.kind === 'publishable';
    if (fromBrowser) checkClientSecret(req, pi, params);
    // Stripe.js adds its own telemetry fields (guid, muid, payment_user_agent…); only server calls are held to the list.
    else allowOnly(params, confirmParams);
    try {
      confirmPaymentIntent(env, scope, pi, params, fromBrowser);
    } catch (err) {
      // A decline answered to the browser (publishable key) carries the PaymentIntent as the browser
      // may see it: no metadata, no customer (Stripe's publishable-key view).
      if (fromBrowser && err instanceof StripeApiError && err.body.payment_intent) throw new StripeApiError(err.statusCode, { ...err.body, payment_intent: publicView(pi) }, err.headers);
      throw err;
    }
    return respond(req, scope, pi, params);
  });

  app.post<{ Params: { id: string } }>('/v1/payment_intents/:id/capture', async (req) => {
    const scope = scopeOf(req);
    const params = readParams(req);
    allowOnly(params, ['amount_to_capture', 'metadata', 'expand', 'application_fee_amount', 'statement_descriptor', 'statement_descriptor_suffix', 'final_capture', 'transfer_data']);
    const pi = findPi(scope, req.params.id);
    capturePaymentIntent(env, scope, pi, int(params, 'amount_to_capture', { min: 1 }));
    pi.metadata = applyMetadata(pi.metadata, params.metadata);
    return render(scope, pi, expandList(params));
  });

  app.post<{ Params: { id: string } }>('/v1/payment_intents/:id/cancel', async (req) => {
    const scope = scopeOf(req);
    const params = readParams(req);
    allowOnly(params, ['cancellation_reason', 'expand']);
    const pi = findPi(scope, req.params.id);
    cancelPaymentIntent(env, scope, pi, str(params, 'cancellation_reason') ?? null);
    return render(scope, pi, expandList(params));
  });
}
