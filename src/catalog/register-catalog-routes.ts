import type { App, AppContext } from '../platform/http/types.js';
import { registerPricesArchive } from './routes/prices-archive.js';
import { registerPricesCreate } from './routes/prices-create.js';
import { registerPricesGet } from './routes/prices-get.js';
import { registerPricesList } from './routes/prices-list.js';
import { registerPricesUpdate } from './routes/prices-update.js';
import { registerProductsArchive } from './routes/products-archive.js';
import { registerProductsCreate } from './routes/products-create.js';
import { registerProductsGet } from './routes/products-get.js';
import { registerProductsList } from './routes/products-list.js';
import { registerProductsUpdate } from './routes/products-update.js';

/** The catalog's private API: products and prices, per account and mode. */
export function registerCatalogRoutes(app: App, ctx: AppContext) {
  for (const register of [
    registerProductsList,
    registerProductsCreate,
    registerProductsGet,
    registerProductsUpdate,
    registerProductsArchive,
    registerPricesList,
    registerPricesCreate,
    registerPricesGet,
    registerPricesUpdate,
    registerPricesArchive,
  ]) {
    register(app, ctx);
  }
}
