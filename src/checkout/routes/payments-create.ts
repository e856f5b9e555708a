import type { App, AppContext } from '../../platform/http/types.js';
import { assertNoCardData } from '../card-data-guard.js';
import { createPayment } from '../create-payment.js';
import { CreatedPaymentSchema, CreatePaymentBody, FormParams } from '../schemas.js';

/** POST /api/public/v1/accounts/:accountId/forms/:formId/payments — 201 for a new payment, 200 for a repeated idempotency key. */
export function registerPaymentsCreate(app: App, ctx: AppContext) {
  app.post(
    '/v1/accounts/:accountId/forms/:formId/payments',
    {
      config: { access: 'public' },
      schema: { tags: ['public'], params: FormParams, body: CreatePaymentBody, response: { 200: CreatedPaymentSchema, 201: CreatedPaymentSchema } },
      // Before validation: card data gets its own refusal, whatever field it hides in.
      preValidation: async (request) => assertNoCardData(request.body),
    },
    async (request, reply) => {
      const { accountId, formId } = request.params;
      const { provider, ...body } = request.body;
      const result = await createPayment(ctx, { ...body, provider, accountId, formId, ip: request.ip, origin: request.headers.origin });
      reply.code(result.created ? 201 : 200);
      return result.payment;
    },
  );
}
