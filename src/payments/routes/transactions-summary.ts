import { Type } from '@sinclair/typebox';
import { member } from '../../accounts/auth-gate.js';
import { scopeOf } from '../../platform/tenancy/scope.js';
import { withTenant } from '../../platform/db/tenant.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { revenueSummary, summaryIntervals } from '../revenue-summary.js';
import { CurrencyTotalsSchema } from '../schemas.js';
import { parseTransactionFilters, TransactionFilterFields } from '../transaction-filters.js';

const Query = Type.Object(
  { interval: Type.Optional(Type.Union(summaryIntervals.map((i) => Type.Literal(i)), { default: 'day' })), ...TransactionFilterFields },
  { additionalProperties: false },
);

const Summary = Type.Object({
  interval: Type.String(),
  timezone: Type.String(),
  from: Type.String({ format: 'date-time' }),
  to: Type.String({ format: 'date-time' }),
  currencies: Type.Array(Type.String()),
  buckets: Type.Array(Type.Object({ start: Type.String({ description: 'First day of the bucket in the time zone, YYYY-MM-DD' }), currencies: Type.Array(CurrencyTotalsSchema) })),
});

/** GET /api/v1/transactions/summary — revenue over time (per day, week or month and currency) for the dashboard chart. */
export function registerTransactionsSummary(app: App, ctx: AppContext) {
  app.get(
    '/api/v1/transactions/summary',
    { config: { access: 'viewer' }, schema: { tags: ['payments'], querystring: Query, response: { 200: Summary } } },
    async (request) => {
      const me = member(request);
      const { interval, ...filters } = request.query;
      const parsed = parseTransactionFilters(filters);
      return withTenant(ctx.database, me.accountId, (tx) => revenueSummary(tx, scopeOf(me), parsed, interval ?? 'day'));
    },
  );
}
