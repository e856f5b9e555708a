import { auditChanges } from '../../accounts/audit.js';
import { member } from '../../accounts/auth-gate.js';
import { scopeOf } from '../../platform/tenancy/scope.js';
import { withTenant, type Tx } from '../../platform/db/tenant.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { UpdateFormBody, FormSchema } from '../schemas.js';
import { serializeForm } from '../serialize-form.js';
import type { FormInput } from '../form-input.js';
import { updateForm } from '../update-form.js';
import { FormParams } from './forms-get.js';

/** Changes a form for a member (the update and archive routes), auditing what changed as the API shows the form. */
export async function updateFormAudited(tx: Tx, me: ReturnType<typeof member>, ip: string, publicUrl: string, formId: string, patch: FormInput) {
  const updated = await updateForm(tx, scopeOf(me), formId, patch);
  const shown = (f: Omit<typeof updated, 'before'>) => serializeForm(f.form, f.items, publicUrl);
  await auditChanges(tx, { accountId: me.accountId, userId: me.userId, action: 'form.updated', target: formId, ip }, shown(updated.before), shown(updated));
  return updated;
}

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
      const { form, items } = await withTenant(ctx.database, me.accountId, (tx) => updateFormAudited(tx, me, request.ip, ctx.config.publicUrl, request.params.formId, request.body));
      return serializeForm(form, items, ctx.config.publicUrl);
    },
  );
}
