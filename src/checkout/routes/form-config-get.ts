import { withTenant } from '../../platform/db/tenant.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { availabilityOf, downProviders } from '../../monitor/provider-availability.js';
import { formConfig, unavailableReason, usableProviders } from '../form-config.js';
import { loadPublicForm } from '../load-public-form.js';
import { FormConfigSchema, FormParams } from '../schemas.js';

/** GET /api/public/v1/accounts/:accountId/forms/:formId — the form config the widget renders. */
export function registerFormConfigGet(app: App, ctx: AppContext) {
  app.get('/v1/accounts/:accountId/forms/:formId', { config: { access: 'public' }, schema: { tags: ['public'], params: FormParams, response: { 200: FormConfigSchema } } }, async (request, reply) => {
    const { accountId, formId } = request.params;
    const loaded = await withTenant(ctx.database, accountId, (tx) => loadPublicForm(tx, accountId, formId));
    const reason = unavailableReason(loaded, request.headers.origin);
    // A payment provider that is down is left out while another one is up; HubSpot, when the form is bound to it, is needed.
    const usable = usableProviders(loaded);
    const down = reason ? new Map() : await downProviders(ctx, loaded.scope, loaded.form.hubspotPortalId ? [...usable, 'hubspot'] : usable);
    const offered = usable.filter((provider) => !down.has(provider));
    const availability = reason
      ? { available: false, message: reason }
      : availabilityOf(down, [...(offered.length === 0 ? usable : []), ...(loaded.form.hubspotPortalId ? (['hubspot'] as const) : [])]);
    // Short caching: availability changes within a check interval.
    reply.header('cache-control', 'public, max-age=10');
    return formConfig(ctx, loaded, availability, reason ? usable : offered);
  });
}
