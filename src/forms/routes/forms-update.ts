import { loadForm } from '../load-form.js';
import { auditChanges } from '../../accounts/audit.js';
import { member } from '../../accounts/auth-gate.js';
import { scopeOf } from '../../platform/tenancy/scope.js';
import { withTenant } from '../../platform/db/tenant.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { UpdateFormBody, FormSchema } from '../schemas.js';
import { serializeForm } from '../serialize-form.js';
import { updateForm } from '../update-form.js';
import { FormParams } from './forms-get.js';

/** PATCH /api/v1/forms/:formId — any subset of the form's fields; `items` replaces the offered prices. */
export function registerFormsUpdate(app: App, ctx: AppContext) {
  app.patch(
    '/api/v1/forms/:formId',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['forms'],
        params: FormParams,
        body: UpdateFormBody,
        response: { 200: FormSchema },
      },
    },
    async (request) => {
      const me = member(request);
      const { form, items } = await withTenant(ctx.database, me.accountId, async (tx) => {
        const before = await loadForm(tx, scopeOf(me), request.params.formId);
        const updated = await updateForm(tx, scopeOf(me), request.params.formId, request.body);
        const shown = (f: typeof updated) => serializeForm(f.form, f.items, ctx.config.publicUrl);
        await auditChanges(tx, { accountId: me.accountId, userId: me.userId, action: 'form.updated', target: updated.form.id, ip: request.ip }, shown(before), shown(updated));
        return updated;
      });
      return serializeForm(form, items, ctx.config.publicUrl);
    },
  );
}
