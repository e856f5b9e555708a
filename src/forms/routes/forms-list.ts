import { Type } from '@sinclair/typebox';
import { member } from '../../accounts/auth-gate.js';
import { ListQueryFields, page } from '../../platform/tenancy/page-schema.js';
import { scopeOf } from '../../platform/tenancy/scope.js';
import { withTenant } from '../../platform/db/tenant.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { listForms } from '../list-forms.js';
import { FormSchema } from '../schemas.js';

/** GET /api/v1/forms — the payment forms of the current account and mode, newest first. */
export function registerFormsList(app: App, ctx: AppContext) {
  app.get(
    '/api/v1/forms',
    {
      config: { access: 'viewer' },
      schema: { tags: ['forms'], querystring: Type.Object(ListQueryFields, { additionalProperties: false }), response: { 200: page(FormSchema) } },
    },
    async (request) => {
      const me = member(request);
      return withTenant(ctx.database, me.accountId, (tx) => listForms(tx, scopeOf(me), request.query, ctx.config.publicUrl));
    },
  );
}
