import { loadForm } from '../load-form.js';
import { auditChanges } from '../../accounts/audit.js';
import { member } from '../../accounts/auth-gate.js';
import { NoBody } from '../../accounts/schemas.js';
import { scopeOf } from '../../platform/tenancy/scope.js';
import { withTenant } from '../../platform/db/tenant.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { serializeForm } from '../serialize-form.js';
import { FormSchema } from '../schemas.js';
import { updateForm } from '../update-form.js';
import { FormParams } from './forms-get.js';

/** POST /api/v1/forms/:formId/archive — the form stops taking payments; its data stays. Idempotent. */
export function registerFormsArchive(app: App, ctx: AppContext) {
  app.post(
    '/api/v1/forms/:formId/archive',
    { config: { access: 'admin' }, schema: { tags: ['forms'], params: FormParams, body: NoBody, response: { 200: FormSchema } } },
    async (request) => {
      const me = member(request);
      const { form, items } = await withTenant(ctx.database, me.accountId, async (tx) => {
        const before = await loadForm(tx, scopeOf(me), request.params.formId);
        const updated = await updateForm(tx, scopeOf(me), request.params.formId, { archived: true });
        const shown = (f: typeof updated) => serializeForm(f.form, f.items, ctx.config.publicUrl);
        await auditChanges(tx, { accountId: me.accountId, userId: me.userId, action: 'form.updated', target: updated.form.id, ip: request.ip }, shown(before), shown(updated));
        return updated;
      });
      return serializeForm(form, items, ctx.config.publicUrl);
    },
  );
}
