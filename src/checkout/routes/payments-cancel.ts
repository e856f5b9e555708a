import type { App, AppContext } from '../../platform/http/types.js';
import { cancelPayment } from '../cancel-payment.js';
import { CanceledPaymentSchema, CompletePaymentBody, PaymentParams } from '../schemas.js';

/** POST /api/public/v1/accounts/:accountId/payments/:paymentId/cancel — the buyer gave up on this attempt; answers the payment's status. */
export function registerPaymentsCancel(app: App, ctx: AppContext) {
  app.post(
    '/v1/accounts/:accountId/payments/:paymentId/cancel',
    { config: { access: 'public' }, schema: { tags: ['public'], params: PaymentParams, body: CompletePaymentBody, response: { 200: CanceledPaymentSchema } } },
    async (request) => {
      const row = await cancelPayment(ctx, { ...request.params, ip: request.ip });
      return { object: 'payment' as const, id: row.id, status: row.status, amount: row.amount, currency: row.currency, provider: row.provider };
    },
  );
}
