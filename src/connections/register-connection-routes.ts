import type { App, AppContext } from '../platform/http/types.js';
import { registerConnectionsList } from './routes/connections-list.js';
import { registerHubSpotConnect } from './routes/hubspot-connect.js';
import { registerHubSpotConnectSandbox } from './routes/hubspot-connect-sandbox.js';
import { registerHubSpotDisconnect } from './routes/hubspot-disconnect.js';
import { registerHubSpotOAuthCallback } from './routes/hubspot-oauth-callback.js';
import { registerHubSpotOAuthStart } from './routes/hubspot-oauth-start.js';
import { registerHubSpotPipelines } from './routes/hubspot-pipelines.js';
import { registerHubSpotForms } from './routes/hubspot-forms.js';
import { registerPaymentProviderConnections } from './routes/payment-provider-connections.js';
import { paymentProviders } from '../platform/db/schema.js';
import { paymentProvider } from '../providers/payment-providers.js';

export function registerConnectionRoutes(app: App, ctx: AppContext) {
  for (const register of [
    registerConnectionsList,
    registerHubSpotConnect,
    registerHubSpotDisconnect,
    registerHubSpotConnectSandbox,
    registerHubSpotOAuthStart,
    registerHubSpotOAuthCallback,
    registerHubSpotPipelines,
    registerHubSpotForms,
  ]) {
    register(app, ctx);
  }
  for (const provider of paymentProviders) {
    const adapter = paymentProvider(provider);
    if (adapter) registerPaymentProviderConnections(app, ctx, adapter);
  }
}
