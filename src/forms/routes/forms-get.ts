import { Type } from '@sinclair/typebox';
import { member } from '../../accounts/auth-gate.js';
import { scopeOf } from '../../platform/tenancy/scope.js';
import { withTenant } from '../../platform/db/tenant.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { loadForm } from '../load-form.js';
import { serializeForm } from '../serialize-form.js';
import { FormSchema } from '../schemas.js';

export const FormParams = Type.Object({ formId: Type.String({ maxLength: 64 }) });

/** GET /api/v1/forms/:formId */
export function registerFormsGet(app: App, ctx: AppContext) {
  app.get(
    '/api/v1/forms/:formId',
    { config: { access: 'viewer' }, schema: { tags: ['forms'], params: FormParams, response: { 200: FormSchema } } },
    async (request) => {
      const me = member(request);
      const { form, items } = await withTenant(ctx.database, me.accountId, (tx) => loadForm(tx, scopeOf(me), request.params.formId));
      return serializeForm(form, items, ctx.config.publicUrl);
    },
  );
}
