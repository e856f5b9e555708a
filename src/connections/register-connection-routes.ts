import type { App, AppContext } from '../platform/http/types.js';
import { registerConnectionsList } from './routes/connections-list.js';
import { registerHubSpotConnect } from './routes/hubspot-connect.js';
import { registerHubSpotConnectSandbox } from './routes/hubspot-connect-sandbox.js';
import { registerHubSpotDisconnect } from './routes/hubspot-disconnect.js';
import { registerHubSpotOAuthCallback } from './routes/hubspot-oauth-callback.js';
import { registerHubSpotOAuthStart } from './routes/hubspot-oauth-start.js';
import { registerHubSpotPipelines } from './routes/hubspot-pipelines.js';
import { registerStripeConnect } from './routes/stripe-connect.js';
import { registerStripeConnectSandbox } from './routes/stripe-connect-sandbox.js';
import { registerStripeDisconnect } from './routes/stripe-disconnect.js';

export function registerConnectionRoutes(app: App, ctx: AppContext) {
  for (const register of [
    registerConnectionsList,
    registerStripeConnect,
    registerStripeDisconnect,
    registerStripeConnectSandbox,
    registerHubSpotConnect,
    registerHubSpotDisconnect,
    registerHubSpotConnectSandbox,
    registerHubSpotOAuthStart,
    registerHubSpotOAuthCallback,
    registerHubSpotPipelines,
  ]) {
    register(app, ctx);
  }
}
