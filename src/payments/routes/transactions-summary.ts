import { Type } from '@sinclair/typebox';
import { member } from '../../accounts/auth-gate.js';
import { scopeOf } from '../../platform/tenancy/scope.js';
import { withTenant } from '../../platform/db/tenant.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { revenueSummary } from '../revenue-summary.js';
import { RevenueSummarySchema, summaryIntervals } from '../schemas.js';
import { parseTransactionFilters, TransactionFilterFields } from '../transaction-filters.js';

const Query = Type.Object(
  { interval: Type.Optional(Type.Union(summaryIntervals.map((i) => Type.Literal(i)), { default: 'day' })), ...TransactionFilterFields },
  { additionalProperties: false },
);

/** GET /api/v1/transactions/summary — revenue over time (per day, week or month and currency) for the dashboard chart. */
export function registerTransactionsSummary(app: App, ctx: AppContext) {
  app.get(
    '/api/v1/transactions/summary',
    { config: { access: 'viewer' }, schema: { tags: ['payments'], querystring: Query, response: { 200: RevenueSummarySchema } } },
    async (request) => {
      const me = member(request);
      const { interval, ...filters } = request.query;
      const parsed = parseTransactionFilters(filters);
      return withTenant(ctx.database, me.accountId, (tx) => revenueSummary(tx, scopeOf(me), parsed, interval ?? 'day'));
    },
  );
}
