import { audit } from '../../accounts/audit.js';
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
      const { form, items } = await withTenant(ctx.database, me.accountId, async (tx) => {
        const created = await createForm(tx, scopeOf(me), request.body);
        const metadata = { name: created.form.name, currency: created.form.currency, priceIds: created.items.map((item) => item.price.id) };
        await audit(tx, { accountId: me.accountId, userId: me.userId, action: 'form.created', target: created.form.id, metadata, ip: request.ip });
        return created;
      });
      return reply.code(201).send(serializeForm(form, items, ctx.config.publicUrl));
    },
  );
}
