import type { App, AppContext } from '../../platform/http/types.js';
import { assertNoCardData } from '../card-data-guard.js';
import { completePayment } from '../complete-payment.js';
import { CompletedPaymentSchema, CompletePaymentBody, PaymentParams } from '../schemas.js';

/** POST /api/public/v1/accounts/:accountId/payments/:paymentId/complete — re-reads the payment from its provider and returns its status. */
export function registerPaymentsComplete(app: App, ctx: AppContext) {
  app.post(
    '/v1/accounts/:accountId/payments/:paymentId/complete',
    {
      config: { access: 'public' },
      schema: { tags: ['public'], params: PaymentParams, body: CompletePaymentBody, response: { 200: CompletedPaymentSchema } },
      preValidation: async (request) => assertNoCardData(request.body),
    },
    async (request) => completePayment(ctx, { ...request.params, ip: request.ip }),
  );
}
