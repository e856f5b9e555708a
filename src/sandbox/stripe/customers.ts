import type { FastifyInstance } from 'fastify';
import { scopeOf } from './auth.js';
import type { Scope, StripeEnv } from './env.js';
import { resourceMissing } from './errors.js';
import { render, renderList } from './expand.js';
import { newId, randomToken } from './ids.js';
import { createdFilter, listPage } from './list.js';
import type { Customer } from './objects.js';
import { allowOnly, applyMetadata, expandList, int, obj, readParams, str, type Params } from './params.js';
import { resolvePaymentMethod } from './payment-methods.js';
import { searchPredicate, searchResult } from './search.js';

const writable = ['email', 'name', 'phone', 'description', 'metadata', 'address', 'shipping', 'invoice_settings', 'preferred_locales', 'tax_exempt', 'expand', 'balance', 'invoice_prefix', 'next_invoice_sequence', 'source', 'tax', 'test_clock', 'tax_id_data', 'coupon', 'promotion_code', 'cash_balance', 'individual_name', 'business_name'];

function applyFields(env: StripeEnv, scope: Scope, c: Customer, params: Params): Record<string, unknown> {
  const previous: Record<string, unknown> = {};
  for (const field of ['email', 'name', 'phone', 'description'] as const) {
    if (params[field] === undefined) continue;
    previous[field] = c[field] ?? null;
    c[field] = str(params, field) ?? null;
  }
  for (const field of ['address', 'shipping'] as const) {
    if (params[field] === undefined) continue;
    previous[field] = c[field];
    c[field] = params[field] === '' ? null : params[field];
  }
  if (params.metadata !== undefined) {
    previous.metadata = c.metadata;
    c.metadata = applyMetadata(c.metadata, params.metadata);
  }
  const settings = obj(params, 'invoice_settings');
  if (settings && settings.default_payment_method !== undefined) {
    previous.invoice_settings = structuredClone(c.invoice_settings);
    const pmId = settings.default_payment_method ? String(settings.default_payment_method) : null;
    if (pmId) {
      const pm = resolvePaymentMethod(env, scope, pmId, 'invoice_settings[default_payment_method]');
      pm.customer = c.id;
      c.invoice_settings.default_payment_method = pm.id;
    } else c.invoice_settings.default_payment_method = null;
  }
  return previous;
}

function find(scope: Scope, id: string): Customer {
  const c = scope.data.customers.get(id);
  if (!c) throw resourceMissing('customer', id);
  return c;
}

/** Customers: create, retrieve, update, delete, list (filter `email`), search (`email:'…'`). */
export function registerCustomerRoutes(app: FastifyInstance, env: StripeEnv) {
  app.post('/v1/customers', async (req) => {
    const scope = scopeOf(req);
    const params = readParams(req);
    allowOnly(params, [...writable, 'payment_method']);
    const c: Customer = {
      id: newId('cus'),
      object: 'customer',
      address: null,
      balance: int(params, 'balance') ?? 0,
      created: env.clock.nowSeconds(),
      currency: null,
      default_source: null,
      delinquent: false,
      description: null,
      discount: null,
      email: null,
      invoice_prefix: randomToken(8).toUpperCase(),
      invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
      livemode: scope.livemode,
      metadata: {},
      name: null,
      next_invoice_sequence: 1,
      phone: null,
      preferred_locales: [],
      shipping: null,
      tax_exempt: 'none',
      test_clock: null,
    };
    scope.data.customers.set(c.id, c);
    applyFields(env, scope, c, params);
    const pmId = str(params, 'payment_method');
    if (pmId) resolvePaymentMethod(env, scope, pmId).customer = c.id;
    env.emit(scope, 'customer.created', c);
    return render(scope, c, expandList(params));
  });

  app.get('/v1/customers', async (req) => {
    const scope = scopeOf(req);
    const params = readParams(req);
    allowOnly(params, ['email', 'created', 'limit', 'starting_after', 'ending_before', 'expand', 'test_clock']);
    const email = str(params, 'email');
    const inCreated = createdFilter(params);
    // Stripe's email filter is exact and case-sensitive.
    const items = [...scope.data.customers.values()].filter((c) => (!email || c.email === email) && inCreated(c.created));
    return renderList(scope, listPage(items, params, '/v1/customers'), expandList(params));
  });

  app.get('/v1/customers/search', async (req) => {
    const scope = scopeOf(req);
    const params = readParams(req);
    allowOnly(params, ['query', 'limit', 'page', 'expand']);
    const match = searchPredicate(str(params, 'query', true));
    const items = [...scope.data.customers.values()].filter(match);
    return renderList(scope, searchResult(items, '/v1/customers/search', int(params, 'limit') ?? 10), expandList(params));
  });

  app.get<{ Params: { id: string } }>('/v1/customers/:id', async (req) => {
    const scope = scopeOf(req);
    return render(scope, find(scope, req.params.id), expandList(readParams(req)));
  });

  app.post<{ Params: { id: string } }>('/v1/customers/:id', async (req) => {
    const scope = scopeOf(req);
    const c = find(scope, req.params.id);
    const params = readParams(req);
    allowOnly(params, [...writable, 'default_source']);
    const previous = applyFields(env, scope, c, params);
    if (Object.keys(previous).length) env.emit(scope, 'customer.updated', c, previous);
    return render(scope, c, expandList(params));
  });

  app.delete<{ Params: { id: string } }>('/v1/customers/:id', async (req) => {
    const scope = scopeOf(req);
    const c = find(scope, req.params.id);
    scope.data.customers.delete(c.id);
    env.emit(scope, 'customer.deleted', c);
    return { id: c.id, object: 'customer', deleted: true };
  });
}
