import type { Scope, StripeEnv } from './env.js';
import { invalidRequest, resourceMissing } from './errors.js';
import { newId } from './ids.js';
import type { Price, Product, Recurring } from './objects.js';
import { applyMetadata, bool, currency, int, obj, str, type Params } from './params.js';

const intervals = ['day', 'week', 'month', 'year'];

export function newProduct(env: StripeEnv, scope: Scope, params: Params): Product {
  const now = env.clock.nowSeconds();
  const product: Product = {
    id: str(params, 'id') ?? newId('prod'),
    object: 'product',
    active: bool(params, 'active') ?? true,
    created: now,
    default_price: null,
    description: str(params, 'description') ?? null,
    images: (params.images as string[] | undefined) ?? [],
    livemode: scope.livemode,
    marketing_features: [],
    metadata: applyMetadata({}, params.metadata),
    name: str(params, 'name', true),
    package_dimensions: null,
    shippable: bool(params, 'shippable') ?? null,
    statement_descriptor: str(params, 'statement_descriptor') ?? null,
    tax_code: str(params, 'tax_code') ?? null,
    type: 'service',
    unit_label: str(params, 'unit_label') ?? null,
    updated: now,
    url: str(params, 'url') ?? null,
  };
  if (scope.data.products.has(product.id)) throw invalidRequest(`Product already exists.`, { code: 'resource_already_exists', param: 'id' });
  scope.data.products.set(product.id, product);
  return product;
}

function recurring(params: Params): Recurring | null {
  const r = obj(params, 'recurring');
  if (!r) return null;
  const interval = str(r, 'interval', true);
  if (!intervals.includes(interval)) throw invalidRequest(`Invalid recurring[interval]: must be one of day, week, month, or year`, { param: 'recurring[interval]' });
  return {
    interval: interval as Recurring['interval'],
    interval_count: int(r, 'interval_count', { min: 1 }) ?? 1,
    meter: null,
    trial_period_days: int(r, 'trial_period_days') ?? null,
    usage_type: 'licensed',
  };
}

/** A price from `price` params (or inline `price_data`/`default_price_data`, given the product id). */
export function newPrice(env: StripeEnv, scope: Scope, params: Params, productId: string, param = ''): Price {
  if (!scope.data.products.has(productId)) throw resourceMissing('product', productId, param ? `${param}[product]` : 'product');
  const unitAmount = int(params, 'unit_amount', { min: 0 }) ?? (params.unit_amount_decimal !== undefined ? Math.round(Number(params.unit_amount_decimal)) : undefined);
  if (unitAmount === undefined) throw invalidRequest('Missing required param: unit_amount.', { code: 'parameter_missing', param: param ? `${param}[unit_amount]` : 'unit_amount' });
  const rec = recurring(params);
  const price: Price = {
    id: newId('price'),
    object: 'price',
    active: bool(params, 'active') ?? true,
    billing_scheme: 'per_unit',
    created: env.clock.nowSeconds(),
    currency: currency(params),
    custom_unit_amount: null,
    livemode: scope.livemode,
    lookup_key: str(params, 'lookup_key') ?? null,
    metadata: applyMetadata({}, params.metadata),
    nickname: str(params, 'nickname') ?? null,
    product: productId,
    recurring: rec,
    tax_behavior: str(params, 'tax_behavior') ?? 'unspecified',
    tiers_mode: null,
    transform_quantity: null,
    type: rec ? 'recurring' : 'one_time',
    unit_amount: unitAmount,
    unit_amount_decimal: String(unitAmount),
  };
  scope.data.prices.set(price.id, price);
  return price;
}

export function findPrice(scope: Scope, id: string, param = 'price'): Price {
  const price = scope.data.prices.get(id);
  if (!price) throw resourceMissing('price', id, param);
  return price;
}
