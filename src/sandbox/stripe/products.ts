import type { FastifyInstance } from 'fastify';
import { scopeOf } from './auth.js';
import type { Scope, StripeEnv } from './env.js';
import { resourceMissing } from './errors.js';
import { render, renderList } from './expand.js';
import { listPage } from './list.js';
import type { Product } from './objects.js';
import { allowOnly, applyMetadata, bool, expandList, int, obj, readParams, str, stringList } from './params.js';
import { newPrice, newProduct } from './catalog.js';
import { searchPredicate, searchResult } from './search.js';

const createParams = ['name', 'id', 'active', 'description', 'metadata', 'images', 'url', 'default_price_data', 'tax_code', 'unit_label', 'statement_descriptor', 'shippable', 'package_dimensions', 'marketing_features', 'expand', 'type'];

function find(scope: Scope, id: string): Product {
  const p = scope.data.products.get(id);
  if (!p) throw resourceMissing('product', id);
  return p;
}

/** Products: create (optionally with `default_price_data`), retrieve, update, list, search, delete. */
export function registerProductRoutes(app: FastifyInstance, env: StripeEnv) {
  app.post('/v1/products', async (req) => {
    const scope = scopeOf(req);
    const params = readParams(req);
    allowOnly(params, createParams);
    const product = newProduct(env, scope, params);
    const dpd = obj(params, 'default_price_data');
    if (dpd) product.default_price = newPrice(env, scope, dpd, product.id, 'default_price_data').id;
    env.emit(scope, 'product.created', product);
    if (product.default_price) env.emit(scope, 'price.created', scope.data.prices.get(product.default_price)!);
    return render(scope, product, expandList(params));
  });

  app.get('/v1/products', async (req) => {
    const scope = scopeOf(req);
    const params = readParams(req);
    allowOnly(params, ['active', 'ids', 'created', 'limit', 'starting_after', 'ending_before', 'expand', 'shippable', 'url']);
    const active = bool(params, 'active');
    const ids = stringList(params, 'ids');
    const items = [...scope.data.products.values()].filter((p) => (active === undefined || p.active === active) && (!ids || ids.includes(p.id)));
    return renderList(scope, listPage(items, params, '/v1/products'), expandList(params));
  });

  app.get('/v1/products/search', async (req) => {
    const scope = scopeOf(req);
    const params = readParams(req);
    allowOnly(params, ['query', 'limit', 'page', 'expand']);
    const items = [...scope.data.products.values()].filter(searchPredicate(str(params, 'query', true)));
    return renderList(scope, searchResult(items, '/v1/products/search', int(params, 'limit') ?? 10), expandList(params));
  });

  app.get<{ Params: { id: string } }>('/v1/products/:id', async (req) => {
    const scope = scopeOf(req);
    return render(scope, find(scope, req.params.id), expandList(readParams(req)));
  });

  app.post<{ Params: { id: string } }>('/v1/products/:id', async (req) => {
    const scope = scopeOf(req);
    const product = find(scope, req.params.id);
    const params = readParams(req);
    allowOnly(params, ['name', 'active', 'description', 'metadata', 'images', 'url', 'default_price', 'tax_code', 'unit_label', 'statement_descriptor', 'shippable', 'expand', 'marketing_features', 'package_dimensions']);
    const previous: Record<string, unknown> = {};
    for (const f of ['name', 'description', 'url', 'unit_label', 'statement_descriptor', 'tax_code'] as const) {
      if (params[f] === undefined) continue;
      previous[f] = product[f];
      if (f === 'name') product.name = str(params, f, true);
      else product[f] = str(params, f) ?? null;
    }
    const active = bool(params, 'active');
    if (active !== undefined) {
      previous.active = product.active;
      product.active = active;
    }
    const dp = str(params, 'default_price');
    if (dp) {
      if (!scope.data.prices.has(dp)) throw resourceMissing('price', dp, 'default_price');
      previous.default_price = product.default_price;
      product.default_price = dp;
    }
    if (params.metadata !== undefined) {
      previous.metadata = product.metadata;
      product.metadata = applyMetadata(product.metadata, params.metadata);
    }
    product.updated = env.clock.nowSeconds();
    env.emit(scope, 'product.updated', product, previous);
    return render(scope, product, expandList(params));
  });

  app.delete<{ Params: { id: string } }>('/v1/products/:id', async (req) => {
    const scope = scopeOf(req);
    const product = find(scope, req.params.id);
    scope.data.products.delete(product.id);
    env.emit(scope, 'product.deleted', product);
    return { id: product.id, object: 'product', deleted: true };
  });
}
