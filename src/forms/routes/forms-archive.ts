import { member } from '../../accounts/auth-gate.js';
import { NoBody } from '../../accounts/schemas.js';
import { withTenant } from '../../platform/db/tenant.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { serializeForm } from '../serialize-form.js';
import { FormSchema } from '../schemas.js';
import { FormParams } from './forms-get.js';
import { updateFormAudited } from './forms-update.js';

/** POST /api/v1/forms/:formId/archive — the form stops taking payments; its data stays. Idempotent. */
export function registerFormsArchive(app: App, ctx: AppContext) {
  app.post(
    '/api/v1/forms/:formId/archive',
    { config: { access: 'admin' }, schema: { tags: ['forms'], params: FormParams, body: NoBody, response: { 200: FormSchema } } },
    async (request) => {
      const me = member(request);
      const { form, items } = await withTenant(ctx.database, me.accountId, (tx) => updateFormAudited(tx, me, request.ip, ctx.config.publicUrl, request.params.formId, { archived: true }));
      return serializeForm(form, items, ctx.config.publicUrl);
    },
  );
}
