import type { App, AppContext } from '../platform/http/types.js';
import { registerFormConfigGet } from './routes/form-config-get.js';
import { registerPaymentsCancel } from './routes/payments-cancel.js';
import { registerPaymentsComplete } from './routes/payments-complete.js';
import { registerPaymentsCreate } from './routes/payments-create.js';

/** The public payment API (docs/public-api.md), registered inside the /api/public scope (CORS open, no cookies). */
export function registerCheckoutRoutes(publicApi: App, ctx: AppContext) {
  for (const register of [registerFormConfigGet, registerPaymentsCreate, registerPaymentsComplete, registerPaymentsCancel]) register(publicApi, ctx);
}
