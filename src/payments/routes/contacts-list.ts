import { Type } from '@sinclair/typebox';
import { member } from '../../accounts/auth-gate.js';
import { ListQueryFields, page } from '../../platform/tenancy/page-schema.js';
import { scopeOf } from '../../platform/tenancy/scope.js';
import { withTenant } from '../../platform/db/tenant.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { listContacts } from '../list-contacts.js';
import { ContactSchema } from '../schemas.js';

/** The contacts' filters, shared by the list and the CSV export. */
export const ContactFilterFields = {
  email: Type.Optional(Type.String({ minLength: 1, maxLength: 254, description: 'The email or its beginning (case-insensitive prefix)' })),
  hasPurchases: Type.Optional(Type.Boolean({ description: 'Only buyers with (true) or without (false) a payment that went through' })),
};

const Query = Type.Object({ limit: ListQueryFields.limit, cursor: ListQueryFields.cursor, ...ContactFilterFields }, { additionalProperties: false });

/** GET /api/v1/contacts — the buyers of the session's mode, newest first, with their totals. */
export function registerContactsList(app: App, ctx: AppContext) {
  app.get(
    '/api/v1/contacts',
    { config: { access: 'viewer' }, schema: { tags: ['payments'], querystring: Query, response: { 200: page(ContactSchema) } } },
    async (request) => {
      const me = member(request);
      return withTenant(ctx.database, me.accountId, (tx) => listContacts(tx, scopeOf(me), request.query));
    },
  );
}
