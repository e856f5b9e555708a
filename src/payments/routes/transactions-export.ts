import { Readable } from 'node:stream';
import { Type } from '@sinclair/typebox';
import { member } from '../../accounts/auth-gate.js';
import { scopeOf } from '../../platform/tenancy/scope.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { exportTransactionsCsv } from '../export-transactions-csv.js';
import { parseTransactionFilters, TransactionFilterFields } from '../transaction-filters.js';

const Query = Type.Object(TransactionFilterFields, { additionalProperties: false });

/** GET /api/v1/transactions/export.csv — the filtered transactions as a streamed CSV download. */
export function registerTransactionsExport(app: App, ctx: AppContext) {
  app.get('/api/v1/transactions/export.csv', { config: { access: 'viewer' }, schema: { tags: ['payments'], querystring: Query } }, async (request, reply) => {
    const me = member(request);
    const filters = parseTransactionFilters(request.query);
    const day = new Date().toISOString().slice(0, 10);
    // Byte mode: the default 16 kB buffer holds less than a page, so the next page is read only once the client took this one.
    const body = Readable.from(exportTransactionsCsv(ctx, scopeOf(me), filters), { objectMode: false });
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="transactions-${me.mode}-${day}.csv"`)
      .header('cache-control', 'no-store')
      .send(body);
  });
}
