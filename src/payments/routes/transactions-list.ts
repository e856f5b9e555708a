import { Type } from '@sinclair/typebox';
import { member } from '../../accounts/auth-gate.js';
import { ListQueryFields } from '../../platform/tenancy/page-schema.js';
import { scopeOf } from '../../platform/tenancy/scope.js';
import { withTenant } from '../../platform/db/tenant.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { listTransactions } from '../list-transactions.js';
import { TransactionPageSchema } from '../schemas.js';
import { parseTransactionFilters, TransactionFilterFields } from '../transaction-filters.js';

const Query = Type.Object({ limit: ListQueryFields.limit, cursor: ListQueryFields.cursor, ...TransactionFilterFields }, { additionalProperties: false });

/** GET /api/v1/transactions — filtered transactions of the session's mode, newest first, with the totals of the whole filtered set. */
export function registerTransactionsList(app: App, ctx: AppContext) {
  app.get(
    '/api/v1/transactions',
    { config: { access: 'viewer' }, schema: { tags: ['payments'], querystring: Query, response: { 200: TransactionPageSchema } } },
    async (request) => {
      const me = member(request);
      const { limit, cursor, ...filters } = request.query;
      const parsed = parseTransactionFilters(filters);
      return withTenant(ctx.database, me.accountId, (tx) => listTransactions(tx, scopeOf(me), parsed, { limit, cursor }));
    },
  );
}
