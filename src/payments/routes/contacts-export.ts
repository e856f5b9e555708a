import { Readable } from 'node:stream';
import { Type } from '@sinclair/typebox';
import { member } from '../../accounts/auth-gate.js';
import { scopeOf } from '../../platform/tenancy/scope.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { exportContactsCsv } from '../export-contacts-csv.js';
import { ContactFilterFields } from './contacts-list.js';

const Query = Type.Object(ContactFilterFields, { additionalProperties: false });

/** GET /api/v1/contacts/export.csv — the buyers of the session's mode (filtered like the list) as a streamed CSV download. */
export function registerContactsExport(app: App, ctx: AppContext) {
  app.get('/api/v1/contacts/export.csv', { config: { access: 'viewer' }, schema: { tags: ['payments'], querystring: Query } }, async (request, reply) => {
    const me = member(request);
    const day = new Date().toISOString().slice(0, 10);
    const body = Readable.from(exportContactsCsv(ctx, scopeOf(me), request.query), { objectMode: false });
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="contacts-${me.mode}-${day}.csv"`)
      .header('cache-control', 'no-store')
      .send(body);
  });
}
