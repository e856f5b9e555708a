import type { App, AppContext } from '../platform/http/types.js';
import { registerConnectionsList } from './routes/connections-list.js';
import { registerStripeConnect } from './routes/stripe-connect.js';
import { registerStripeConnectSandbox } from './routes/stripe-connect-sandbox.js';
import { registerStripeDisconnect } from './routes/stripe-disconnect.js';

export function registerConnectionRoutes(app: App, ctx: AppContext) {
  for (const register of [registerConnectionsList, registerStripeConnect, registerStripeDisconnect, registerStripeConnectSandbox]) {
    register(app, ctx);
  }
}
