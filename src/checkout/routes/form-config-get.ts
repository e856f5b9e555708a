import { withTenant } from '../../platform/db/tenant.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { providerAvailability } from '../../monitor/provider-availability.js';
import { formConfig, unavailableReason } from '../form-config.js';
import { loadPublicForm } from '../load-public-form.js';
import { FormConfigSchema, FormParams } from '../schemas.js';

/** GET /api/public/v1/accounts/:accountId/forms/:formId — the form config the widget renders. */
export function registerFormConfigGet(app: App, ctx: AppContext) {
  app.get('/v1/accounts/:accountId/forms/:formId', { config: { access: 'public' }, schema: { tags: ['public'], params: FormParams, response: { 200: FormConfigSchema } } }, async (request, reply) => {
    const { accountId, formId } = request.params;
    const loaded = await withTenant(ctx.database, accountId, (tx) => loadPublicForm(tx, accountId, formId));
    const reason = unavailableReason(loaded, request.headers.origin);
    const needs = loaded.form.hubspotPortalId ? (['stripe', 'hubspot'] as const) : (['stripe'] as const);
    const availability = reason ? { available: false, message: reason } : await providerAvailability(ctx, loaded.scope, [...needs]);
    // Short caching: availability changes within a check interval.
    reply.header('cache-control', 'public, max-age=10');
    return formConfig(ctx, loaded, availability);
  });
}
