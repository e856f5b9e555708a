import { member } from '../../accounts/auth-gate.js';
import { scopeOf } from '../../platform/tenancy/scope.js';
import { withTenant } from '../../platform/db/tenant.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { createForm } from '../create-form.js';
import { CreateFormBody, FormSchema } from '../schemas.js';
import { serializeForm } from '../serialize-form.js';

/** POST /api/v1/forms — a payment form offering prices of the current mode, with its embed code and hosted link. */
export function registerFormsCreate(app: App, ctx: AppContext) {
  app.post(
    '/api/v1/forms',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['forms'],
        body: CreateFormBody,
        response: { 201: FormSchema },
      },
    },
    async (request, reply) => {
      const me = member(request);
      const { form, items } = await withTenant(ctx.database, me.accountId, (tx) => createForm(tx, scopeOf(me), request.body));
      return reply.code(201).send(serializeForm(form, items, ctx.config.publicUrl));
    },
  );
}
