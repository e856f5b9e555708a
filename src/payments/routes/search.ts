import { Type } from '@sinclair/typebox';
import { member } from '../../accounts/auth-gate.js';
import { scopeOf } from '../../platform/tenancy/scope.js';
import { withTenant } from '../../platform/db/tenant.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { search } from '../search.js';
import { SearchResultsSchema } from '../schemas.js';

const Query = Type.Object(
  { q: Type.String({ minLength: 1, maxLength: 254, pattern: '\\S', description: 'A payment id, a provider id (PaymentIntent, charge, PayPal order or capture), a contact id, an email (or its beginning) or a name' }) },
  { additionalProperties: false },
);

/** GET /api/v1/search?q=… — the dashboard's search box: payments and buyers of the session's mode. */
export function registerSearch(app: App, ctx: AppContext) {
  app.get('/api/v1/search', { config: { access: 'viewer' }, schema: { tags: ['payments'], querystring: Query, response: { 200: SearchResultsSchema } } }, async (request) => {
    const me = member(request);
    return { data: await withTenant(ctx.database, me.accountId, (tx) => search(tx, scopeOf(me), request.query.q)) };
  });
}
