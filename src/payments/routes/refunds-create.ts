import { Type } from '@sinclair/typebox';
import { member } from '../../accounts/auth-gate.js';
import { maxAmount } from '../../platform/money/currencies.js';
import { scopeOf } from '../../platform/tenancy/scope.js';
import type { App, AppContext } from '../../platform/http/types.js';
import { createRefund, refundReasons } from '../create-refund.js';
import { RefundSchema } from '../schemas.js';
import { serializeRefund } from '../serialize.js';
import { TransactionParams } from './transactions-get.js';

const Body = Type.Object(
  {
    amount: Type.Optional(Type.Integer({ minimum: 1, maximum: maxAmount, description: 'Minor units; default: everything not yet refunded' })),
    reason: Type.Optional(Type.Union(refundReasons.map((r) => Type.Literal(r)))),
  },
  { additionalProperties: false },
);

/** POST /api/v1/transactions/:transactionId/refunds — a full or partial refund through the payment's provider (admin and owner). */
export function registerRefundsCreate(app: App, ctx: AppContext) {
  app.post(
    '/api/v1/transactions/:transactionId/refunds',
    { config: { access: 'admin' }, schema: { tags: ['payments'], params: TransactionParams, body: Body, response: { 201: RefundSchema } } },
    async (request, reply) => {
      const me = member(request);
      const { refund, provider } = await createRefund(ctx, scopeOf(me), { transactionId: request.params.transactionId, ...request.body, userId: me.userId, ip: request.ip });
      return reply.code(201).send(serializeRefund(refund, provider));
    },
  );
}
