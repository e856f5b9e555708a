import type { Case, Preparer } from './types.js';

/** A's product and price, created through the API as A's owner (test mode). */
export const prepareCatalog: Preparer = async (w) => {
  const product = await w.a.owner.request('POST', '/api/v1/products', { name: 'Alpha secret product' });
  if (product.statusCode !== 201) throw new Error(`product: ${product.statusCode} ${product.body}`);
  w.objects.productId = product.json().id;
  const price = await w.a.owner.request('POST', '/api/v1/prices', { productId: w.objects.productId, type: 'fixed', currency: 'usd', unitAmount: 4242 });
  if (price.statusCode !== 201) throw new Error(`price: ${price.statusCode} ${price.body}`);
  w.objects.priceId = price.json().id;
};

export const catalogCases: Record<string, Case> = {
  'GET /api/v1/products': { kind: 'collection' },
  'POST /api/v1/products': { kind: 'collection', body: () => ({ name: 'Made by B' }) },
  'GET /api/v1/products/:productId': { kind: 'object', path: (w) => `/api/v1/products/${w.objects.productId}` },
  'PATCH /api/v1/products/:productId': { kind: 'object', path: (w) => `/api/v1/products/${w.objects.productId}`, body: () => ({ name: 'Renamed by B' }) },
  'POST /api/v1/products/:productId/archive': { kind: 'object', path: (w) => `/api/v1/products/${w.objects.productId}/archive`, body: () => ({}) },
  'GET /api/v1/prices': { kind: 'collection' },
  // A price on A's product: B must get a 404 for the product it names.
  'POST /api/v1/prices': { kind: 'object', body: (w) => ({ productId: w.objects.productId, type: 'fixed', currency: 'usd', unitAmount: 100 }) },
  'GET /api/v1/prices/:priceId': { kind: 'object', path: (w) => `/api/v1/prices/${w.objects.priceId}` },
  'PATCH /api/v1/prices/:priceId': { kind: 'object', path: (w) => `/api/v1/prices/${w.objects.priceId}`, body: () => ({ unitAmount: 1 }) },
  'POST /api/v1/prices/:priceId/archive': { kind: 'object', path: (w) => `/api/v1/prices/${w.objects.priceId}/archive`, body: () => ({}) },
};
