import { createHmac, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { scopeOf } from './auth.js';
import type { Scope, StripeEnv } from './env.js';
import { docUrl, invalidRequest, resourceMissing, StripeApiError } from './errors.js';
import { render, renderList } from './expand.js';
import { newId } from './ids.js';
import { listPage } from './list.js';
import type { PaymentMethod } from './objects.js';
import { allowOnly, applyMetadata, expandList, obj, readParams, str, type Params } from './params.js';
import { brandOf, declines, luhnValid, testCardsByNumber, testPaymentMethods, type CardOutcome } from './test-cards.js';

/** Per-process salt: card fingerprints are stable within a run and reveal nothing of the number. */
const fingerprintSalt = randomBytes(32);

export function cardError(code: string, message: string, param?: string): StripeApiError {
  return new StripeApiError(402, { type: 'card_error', code, message, ...(param ? { param } : {}), doc_url: docUrl(code) });
}

export function billingDetails(input: Params | undefined) {
  const address = (input?.address ?? {}) as Record<string, string | undefined>;
  return {
    address: {
      city: address.city ?? null,
      country: address.country ?? null,
      line1: address.line1 ?? null,
      line2: address.line2 ?? null,
      postal_code: address.postal_code ?? null,
      state: address.state ?? null,
    },
    email: (input?.email as string | undefined) ?? null,
    name: (input?.name as string | undefined) ?? null,
    phone: (input?.phone as string | undefined) ?? null,
    tax_id: null,
  };
}

function build(env: StripeEnv, scope: Scope, card: { brand: string; last4: string; exp_month: number; exp_year: number; funding: string; fingerprint: string }, outcome: CardOutcome, params: Params): PaymentMethod {
  const pm: PaymentMethod = {
    id: newId('pm'),
    object: 'payment_method',
    allow_redisplay: (params.allow_redisplay as string | undefined) ?? 'unspecified',
    billing_details: billingDetails(obj(params, 'billing_details')),
    card: {
      brand: card.brand,
      checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: 'pass' },
      country: 'US',
      display_brand: card.brand,
      exp_month: card.exp_month,
      exp_year: card.exp_year,
      fingerprint: card.fingerprint,
      funding: card.funding,
      generated_from: null,
      last4: card.last4,
      networks: { available: [card.brand], preferred: null },
      regulated_status: 'unregulated',
      three_d_secure_usage: { supported: true },
      wallet: null,
    },
    created: env.clock.nowSeconds(),
    customer: null,
    livemode: scope.livemode,
    metadata: applyMetadata({}, params.metadata),
    type: 'card',
  };
  scope.data.paymentMethods.set(pm.id, pm);
  scope.data.cardOutcomes.set(pm.id, outcome);
  return pm;
}

/**
 * Creates a card PaymentMethod from raw card fields (as Stripe.js sends them). Only brand,
 * last4, expiry and a salted fingerprint are kept: never the number or the CVC.
 */
export function createCardPaymentMethod(env: StripeEnv, scope: Scope, params: Params): PaymentMethod {
  const type = str(params, 'type');
  if (type !== 'card') throw invalidRequest(type ? `The payment method type provided: ${type} is invalid. The sandbox supports: card.` : 'Missing required param: type.', { param: 'type', code: type ? 'parameter_invalid_string' : 'parameter_missing' });
  const card = obj(params, 'card');
  if (!card) throw invalidRequest('Missing required param: card.', { code: 'parameter_missing', param: 'card' });
  allowOnly(card, ['number', 'exp_month', 'exp_year', 'cvc', 'token', 'networks'], 'card');
  const number = String(card.number ?? '').replace(/[\s-]/g, '');
  if (!/^\d{12,19}$/.test(number) || !luhnValid(number)) throw cardError(declines.incorrectNumber.code, declines.incorrectNumber.message, 'number');
  const expMonth = Number(card.exp_month);
  let expYear = Number(card.exp_year);
  if (expYear < 100) expYear += 2000;
  if (!Number.isInteger(expMonth) || expMonth < 1 || expMonth > 12) throw cardError('invalid_expiry_month', "Your card's expiration month is invalid.", 'exp_month');
  const now = new Date(env.clock.nowMs());
  if (!Number.isInteger(expYear) || expYear < now.getUTCFullYear() || expYear > now.getUTCFullYear() + 50) {
    throw cardError('invalid_expiry_year', "Your card's expiration year is invalid.", 'exp_year');
  }
  if (expYear === now.getUTCFullYear() && expMonth < now.getUTCMonth() + 1) throw cardError('invalid_expiry_month', "Your card's expiration month is invalid.", 'exp_month');
  if (card.cvc !== undefined && !/^\d{3,4}$/.test(String(card.cvc))) throw cardError('invalid_cvc', "Your card's security code is invalid.", 'cvc');
  const known = testCardsByNumber.get(number);
  const fingerprint = createHmac('sha256', fingerprintSalt).update(number).digest('base64url').slice(0, 16);
  return build(
    env,
    scope,
    { brand: known?.brand ?? brandOf(number), last4: number.slice(-4), exp_month: expMonth, exp_year: expYear, funding: known?.funding ?? 'credit', fingerprint },
    known?.outcome ?? { kind: 'succeed' },
    params,
  );
}

/** A payment method by id: an existing `pm_…`, or a test one such as `pm_card_visa` (a new `pm_…` each time). */
export function resolvePaymentMethod(env: StripeEnv, scope: Scope, id: string, param = 'payment_method'): PaymentMethod {
  const existing = scope.data.paymentMethods.get(id);
  if (existing) return existing;
  const test = testPaymentMethods.get(id);
  if (test) {
    const fingerprint = createHmac('sha256', fingerprintSalt).update(test.number).digest('base64url').slice(0, 16);
    const year = new Date(env.clock.nowMs()).getUTCFullYear() + 1;
    return build(env, scope, { brand: test.brand, last4: test.number.slice(-4), exp_month: 12, exp_year: year, funding: test.funding, fingerprint }, test.outcome, {});
  }
  throw resourceMissing('PaymentMethod', id, param);
}

export function registerPaymentMethodRoutes(app: FastifyInstance, env: StripeEnv) {
  app.post('/v1/payment_methods', async (req) => {
    const scope = scopeOf(req);
    const params = readParams(req);
    if (scope.key.kind !== 'publishable') allowOnly(params, ['type', 'card', 'billing_details', 'metadata', 'allow_redisplay', 'expand', 'payment_method', 'customer']);
    return render(scope, createCardPaymentMethod(env, scope, params), expandList(params));
  });

  app.get('/v1/payment_methods', async (req) => {
    const scope = scopeOf(req);
    const params = readParams(req);
    allowOnly(params, ['customer', 'type', 'limit', 'starting_after', 'ending_before', 'expand']);
    const customer = str(params, 'customer');
    const items = [...scope.data.paymentMethods.values()].filter((pm) => (customer ? pm.customer === customer : true));
    return renderList(scope, listPage(items, params, '/v1/payment_methods'), expandList(params));
  });

  app.get<{ Params: { id: string } }>('/v1/customers/:id/payment_methods', async (req) => {
    const scope = scopeOf(req);
    const params = readParams(req);
    if (!scope.data.customers.has(req.params.id)) throw resourceMissing('customer', req.params.id);
    const items = [...scope.data.paymentMethods.values()].filter((pm) => pm.customer === req.params.id);
    return renderList(scope, listPage(items, params, `/v1/customers/${req.params.id}/payment_methods`), expandList(params));
  });

  const find = (scope: Scope, id: string) => {
    const pm = scope.data.paymentMethods.get(id);
    if (!pm) throw resourceMissing('PaymentMethod', id, 'payment_method');
    return pm;
  };

  app.get<{ Params: { id: string } }>('/v1/payment_methods/:id', async (req) => {
    const scope = scopeOf(req);
    return render(scope, find(scope, req.params.id), expandList(readParams(req)));
  });

  app.post<{ Params: { id: string } }>('/v1/payment_methods/:id', async (req) => {
    const scope = scopeOf(req);
    const pm = find(scope, req.params.id);
    const params = readParams(req);
    allowOnly(params, ['billing_details', 'metadata', 'allow_redisplay', 'card', 'expand']);
    if (params.billing_details) pm.billing_details = billingDetails(obj(params, 'billing_details'));
    pm.metadata = applyMetadata(pm.metadata, params.metadata);
    return render(scope, pm, expandList(params));
  });

  app.post<{ Params: { id: string } }>('/v1/payment_methods/:id/attach', async (req) => {
    const scope = scopeOf(req);
    const params = readParams(req);
    allowOnly(params, ['customer', 'expand']);
    const pm = resolvePaymentMethod(env, scope, req.params.id);
    const customer = str(params, 'customer', true);
    if (!scope.data.customers.has(customer)) throw resourceMissing('customer', customer, 'customer');
    pm.customer = customer;
    env.emit(scope, 'payment_method.attached', pm);
    return render(scope, pm, expandList(params));
  });

  app.post<{ Params: { id: string } }>('/v1/payment_methods/:id/detach', async (req) => {
    const scope = scopeOf(req);
    const pm = find(scope, req.params.id);
    const previous = pm.customer;
    pm.customer = null;
    env.emit(scope, 'payment_method.detached', pm, { customer: previous });
    return render(scope, pm, expandList(readParams(req)));
  });
}
