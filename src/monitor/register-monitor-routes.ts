import type { App, AppContext } from '../platform/http/types.js';
import { registerMetricsRoute } from './routes/metrics-route.js';
import { registerProviderHealthHistory } from './routes/provider-health-history.js';
import { registerProviderHealthList } from './routes/provider-health-list.js';

/** GET /metrics and the dashboard's provider health routes (health checks are in health-routes.ts). */
export function registerMonitorRoutes(app: App, ctx: AppContext) {
  for (const register of [registerMetricsRoute, registerProviderHealthList, registerProviderHealthHistory]) register(app, ctx);
}
