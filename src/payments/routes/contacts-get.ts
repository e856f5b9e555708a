import { Type } from '@sinclair/typebox';
import { member } from '../../accounts/auth-gate.js';
import { scopeOf } from '../../platform/tenancy/scope.js';
import { withTenant } from '../../platform/db/tenant.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { contactDetail } from '../contact-detail.js';
import { ContactDetailSchema } from '../schemas.js';

/** GET /api/v1/contacts/:contactId — a buyer with their totals and latest transactions. */
export function registerContactsGet(app: App, ctx: AppContext) {
  app.get(
    '/api/v1/contacts/:contactId',
    { config: { access: 'viewer' }, schema: { tags: ['payments'], params: Type.Object({ contactId: Type.String({ maxLength: 64 }) }), response: { 200: ContactDetailSchema } } },
    async (request) => {
      const me = member(request);
      return withTenant(ctx.database, me.accountId, (tx) => contactDetail(tx, scopeOf(me), request.params.contactId));
    },
  );
}
