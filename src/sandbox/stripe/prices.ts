import type { FastifyInstance } from 'fastify';
import { scopeOf } from './auth.js';
import type { StripeEnv } from './env.js';
import { invalidRequest } from './errors.js';
import { render, renderList } from './expand.js';
import { listPage } from './list.js';
import { allowOnly, applyMetadata, bool, expandList, int, obj, readParams, str, stringList } from './params.js';
import { findPrice, newPrice, newProduct } from './catalog.js';
import { searchPredicate, searchResult } from './search.js';

const createParams = ['currency', 'unit_amount', 'unit_amount_decimal', 'product', 'product_data', 'recurring', 'active', 'metadata', 'nickname', 'lookup_key', 'tax_behavior', 'billing_scheme', 'expand', 'transfer_lookup_key', 'currency_options', 'custom_unit_amount', 'tiers', 'tiers_mode', 'transform_quantity'];

/** Prices, one-time or recurring: create (for a `product` or inline `product_data`), retrieve, update, list, search. */
export function registerPriceRoutes(app: FastifyInstance, env: StripeEnv) {
  app.post('/v1/prices', async (req) => {
    const scope = scopeOf(req);
    const params = readParams(req);
    allowOnly(params, createParams);
    let productId = str(params, 'product');
    const productData = obj(params, 'product_data');
    if (!productId && !productData) throw invalidRequest('Missing required param: product.', { code: 'parameter_missing', param: 'product' });
    if (!productId && productData) {
      const product = newProduct(env, scope, productData);
      env.emit(scope, 'product.created', product);
      productId = product.id;
    }
    const price = newPrice(env, scope, params, productId!);
    env.emit(scope, 'price.created', price);
    return render(scope, price, expandList(params));
  });

  app.get('/v1/prices', async (req) => {
    const scope = scopeOf(req);
    const params = readParams(req);
    allowOnly(params, ['active', 'product', 'type', 'currency', 'lookup_keys', 'recurring', 'created', 'limit', 'starting_after', 'ending_before', 'expand']);
    const active = bool(params, 'active');
    const product = str(params, 'product');
    const type = str(params, 'type');
    const cur = str(params, 'currency');
    const keys = stringList(params, 'lookup_keys');
    const items = [...scope.data.prices.values()].filter(
      (p) =>
        (active === undefined || p.active === active) &&
        (!product || p.product === product) &&
        (!type || p.type === type) &&
        (!cur || p.currency === cur.toLowerCase()) &&
        (!keys || (p.lookup_key !== null && keys.includes(p.lookup_key))),
    );
    return renderList(scope, listPage(items, params, '/v1/prices'), expandList(params));
  });

  app.get('/v1/prices/search', async (req) => {
    const scope = scopeOf(req);
    const params = readParams(req);
    allowOnly(params, ['query', 'limit', 'page', 'expand']);
    const items = [...scope.data.prices.values()].filter(searchPredicate(str(params, 'query', true)));
    return renderList(scope, searchResult(items, '/v1/prices/search', int(params, 'limit') ?? 10), expandList(params));
  });

  app.get<{ Params: { id: string } }>('/v1/prices/:id', async (req) => {
    const scope = scopeOf(req);
    return render(scope, findPrice(scope, req.params.id, 'id'), expandList(readParams(req)));
  });

  app.post<{ Params: { id: string } }>('/v1/prices/:id', async (req) => {
    const scope = scopeOf(req);
    const price = findPrice(scope, req.params.id, 'id');
    const params = readParams(req);
    allowOnly(params, ['active', 'metadata', 'nickname', 'lookup_key', 'tax_behavior', 'expand', 'transfer_lookup_key', 'currency_options']);
    const previous: Record<string, unknown> = {};
    const active = bool(params, 'active');
    if (active !== undefined) {
      previous.active = price.active;
      price.active = active;
    }
    if (params.nickname !== undefined) price.nickname = str(params, 'nickname') ?? null;
    if (params.lookup_key !== undefined) price.lookup_key = str(params, 'lookup_key') ?? null;
    if (params.metadata !== undefined) {
      previous.metadata = price.metadata;
      price.metadata = applyMetadata(price.metadata, params.metadata);
    }
    env.emit(scope, 'price.updated', price, previous);
    return render(scope, price, expandList(params));
  });
}
