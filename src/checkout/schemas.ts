import { Type } from '@sinclair/typebox';

export const AccountIdParam = Type.String({ pattern: '^[0-9a-f]{32}$', description: 'The merchant account id: 32 lowercase hex characters.' });
export const FormParams = Type.Object({ accountId: AccountIdParam, formId: Type.String({ pattern: '^form_[0-9A-Za-z]{24}$' }) });
export const PaymentParams = Type.Object({ accountId: AccountIdParam, paymentId: Type.String({ pattern: '^pay_[0-9A-Za-z]{24}$' }) });

const Name = Type.String({ maxLength: 100 });

export const CreatePaymentBody = Type.Object(
  {
    idempotencyKey: Type.String({ pattern: '^[A-Za-z0-9_-]{16,100}$', description: 'One per checkout attempt, made by the browser (e.g. crypto.randomUUID()).' }),
    provider: Type.Literal('stripe'),
    contact: Type.Object(
      {
        email: Type.String({ format: 'email', maxLength: 254 }),
        firstName: Type.Optional(Name),
        lastName: Type.Optional(Name),
        phone: Type.Optional(
          Type.String({
            maxLength: 40,
            pattern: '^$|^\\+?[\\s().-]*([0-9][\\s().-]*){6,15}$',
            description: 'A phone number: 6 to 15 digits (E.164 at most), optionally + first, with spaces, dots, dashes or parentheses.',
          }),
        ),
      },
      { additionalProperties: false },
    ),
    items: Type.Array(
      Type.Object(
        {
          priceId: Type.String({ pattern: '^price_[0-9A-Za-z]{24}$' }),
          quantity: Type.Optional(Type.Integer({ minimum: 1, maximum: 999 })),
          amount: Type.Optional(Type.Integer({ minimum: 1, maximum: 99_999_999, description: 'Custom-amount prices only, in minor units.' })),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 50 },
    ),
    hubspotFields: Type.Optional(Type.Record(Type.String({ minLength: 1, maxLength: 100 }), Type.String({ maxLength: 1000 }), { maxProperties: 50 })),
  },
  { additionalProperties: false },
);

export const CompletePaymentBody = Type.Object({}, { additionalProperties: false });
