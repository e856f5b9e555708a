import type { StandIn } from '../types.js';
import { registerAccountRoutes } from './account.js';
import { registerAssociationRoutes } from './associations.js';
import { authHook } from './auth.js';
import { registerBatchRoutes } from './batch.js';
import { registerDemoPage } from './demo-page.js';
import { registerEmbedRoutes } from './embed/routes.js';
import { hubspotErrorHandler } from './errors.js';
import { registerAuthedFormRoutes, registerFormRoutes } from './forms.js';
import { registerOAuthConsentRoutes } from './oauth-consent.js';
import { registerOAuthTokenRoutes } from './oauth.js';
import { registerObjectRoutes } from './objects.js';
import { registerPipelineRoutes } from './pipelines.js';
import { registerPropertyRoutes } from './properties.js';
import { registerSandboxControlRoutes } from './sandbox-controls.js';
import { registerCrmView } from './crm-view.js';
import { registerSearchRoutes } from './search.js';
import { HubSpotStore } from './store.js';
import { registerAuthedSubmissionRoutes, registerSubmissionRoutes } from './submissions.js';

export { hubspotFaultBodies } from './faults.js';
export { hubspotControlPrefix } from './sandbox-controls.js';

/**
 * The HubSpot stand-in: an in-memory HubSpot (portals, CRM objects, properties, pipelines, associations,
 * OAuth, forms) speaking the wire format `@hubspot/api-client` 13.x expects. See docs/sandbox-hubspot.md.
 */
export const hubspotStandIn: StandIn = async (app, ctx) => {
  const store = new HubSpotStore(ctx.clock);
  app.setErrorHandler(hubspotErrorHandler);

  // Public: sandbox controls, OAuth, form definitions and submissions, browser scripts and pages.
  await registerSandboxControlRoutes(app, store);
  registerCrmView(app, store);
  await registerOAuthTokenRoutes(app, store);
  await registerOAuthConsentRoutes(app, store);
  await registerFormRoutes(app, store);
  await registerSubmissionRoutes(app, store);
  await registerEmbedRoutes(app);
  await registerDemoPage(app, store);

  // Token-protected, rate-limited and counted: the HubSpot APIs.
  await app.register(async (api) => {
    api.addHook('onRequest', authHook(store));
    await registerAccountRoutes(api, store);
    await registerObjectRoutes(api, store);
    await registerBatchRoutes(api, store);
    await registerSearchRoutes(api, store);
    await registerPropertyRoutes(api, store);
    await registerPipelineRoutes(api, store);
    await registerAssociationRoutes(api, store);
    await registerAuthedFormRoutes(api, store);
    await registerAuthedSubmissionRoutes(api, store);
  });

  return { reset: () => store.reset(), snapshot: () => store.snapshot(), restore: (saved) => store.restore(saved) };
};
