import { Type } from '@sinclair/typebox';
import { member } from '../../accounts/auth-gate.js';
import { scopeOf } from '../../platform/tenancy/scope.js';
import { withTenant } from '../../platform/db/tenant.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { TransactionDetailSchema } from '../schemas.js';
import { transactionDetail } from '../transaction-detail.js';

export const TransactionParams = Type.Object({ transactionId: Type.String({ maxLength: 64 }) });

/** GET /api/v1/transactions/:transactionId — one transaction with items, refunds, contact, provider ids and HubSpot fields. */
export function registerTransactionsGet(app: App, ctx: AppContext) {
  app.get(
    '/api/v1/transactions/:transactionId',
    { config: { access: 'viewer' }, schema: { tags: ['payments'], params: TransactionParams, response: { 200: TransactionDetailSchema } } },
    async (request) => {
      const me = member(request);
      return withTenant(ctx.database, me.accountId, (tx) => transactionDetail(tx, scopeOf(me), request.params.transactionId, { sandbox: ctx.config.sandbox }));
    },
  );
}
