import { Type } from '@sinclair/typebox';
import { ModeSchema } from '../accounts/schemas.js';
import { Nullable, PriceTypeSchema } from '../catalog/schemas.js';
import { FormSelectionSchema, PaymentProviderSchema, TransactionStatusSchema } from '../platform/http/schemas.js';
import { buyerLanguages } from '../platform/db/schema.js';

export const AccountIdParam = Type.String({ pattern: '^[0-9a-f]{32}$', description: 'The merchant account id: 32 lowercase hex characters.' });
export const FormParams = Type.Object({ accountId: AccountIdParam, formId: Type.String({ pattern: '^form_[0-9A-Za-z]{24}$' }) });
export const PaymentParams = Type.Object({ accountId: AccountIdParam, paymentId: Type.String({ pattern: '^pay_[0-9A-Za-z]{24}$' }) });

const Name = Type.String({ maxLength: 100 });

export const CreatePaymentBody = Type.Object(
  {
    idempotencyKey: Type.String({ pattern: '^[A-Za-z0-9_-]{16,100}$', description: 'One per checkout attempt, made by the browser (e.g. crypto.randomUUID()).' }),
    provider: Type.Union([Type.Literal('stripe'), Type.Literal('paypal')], {
      description: 'stripe: by card with Stripe.js (the answer has `stripe`). paypal: with the PayPal buttons (the answer has `paypal.orderId`, the order the buyer approves).',
    }),
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
    language: Type.Optional(
      Type.Union(buyerLanguages.map((l) => Type.Literal(l)), { description: "The language the buyer sees the form in (the widget's): their receipts are written in it. Default en." }),
    ),
    allowRedirects: Type.Optional(
      Type.Boolean({
        description:
          "Stripe only. true: the buyer may pick a payment method that leaves the page for the provider's (e.g. Klarna) and comes back to the confirmation's return_url. false (default): cards only, the page is never left (inside a HubSpot form).",
      }),
    ),
  },
  { additionalProperties: false },
);

export const CompletePaymentBody = Type.Object({}, { additionalProperties: false });

// The public API's answers (docs/public-api.md). The routes declare them as response schemas, and the
// widget imports their types (web/widget/types.ts): one source of truth, described in the OpenAPI document.

export const FormConfigSchema = Type.Object({
  object: Type.Literal('form_config'),
  accountId: Type.String(),
  formId: Type.String(),
  mode: ModeSchema,
  name: Type.String(),
  currency: Type.String(),
  selection: FormSelectionSchema,
  items: Type.Array(
    Type.Object({
      priceId: Type.String(),
      productName: Type.String(),
      description: Type.String(),
      nickname: Type.String(),
      type: PriceTypeSchema,
      unitAmount: Nullable(Type.Integer()),
      maxQuantity: Type.Integer(),
      minAmount: Nullable(Type.Integer()),
      maxAmount: Nullable(Type.Integer()),
    }),
  ),
  hubspot: Nullable(Type.Object({ portalId: Type.String(), formId: Type.String() })),
  successMessage: Nullable(Type.String()),
  redirectUrl: Nullable(Type.String()),
  providers: Type.Object({
    stripe: Nullable(Type.Object({ publishableKey: Type.String(), jsUrl: Type.String({ description: 'Where Stripe.js is loaded from: js.stripe.com, or the stand-in in sandbox mode' }) })),
    paypal: Nullable(Type.Object({ clientId: Type.String(), jsUrl: Type.String({ description: 'The PayPal JS SDK; the widget adds client-id, currency and intent' }) })),
  }),
  available: Type.Boolean(),
  message: Nullable(Type.String({ description: 'Why the form cannot take a payment now, for the buyer' })),
});

const paymentFields = {
  object: Type.Literal('payment'),
  id: Type.String(),
  status: TransactionStatusSchema,
  amount: Type.Integer({ description: 'Minor units' }),
  currency: Type.String(),
  provider: PaymentProviderSchema,
};

/** The answer to creating a payment: what the browser needs to confirm it with Stripe.js. */
export const CreatedPaymentSchema = Type.Object({
  ...paymentFields,
  /** A card payment: confirm it with Stripe.js. */
  stripe: Type.Optional(Type.Object({ clientSecret: Type.String(), publishableKey: Type.String() })),
  /** A PayPal payment: the order the PayPal buttons approve; `complete` captures it once approved. */
  paypal: Type.Optional(Type.Object({ orderId: Type.String() })),
});

/** The answer to `cancel`: the payment's status after (canceled, unless it had moved on). */
export const CanceledPaymentSchema = Type.Object(paymentFields);

/** The answer to `complete`: the payment's status and what to show the buyer. */
export const CompletedPaymentSchema = Type.Object({
  ...paymentFields,
  failureMessage: Nullable(Type.String()),
  failureCode: Nullable(
    Type.String({ description: 'Why it failed, for the widget: instrument_declined means PayPal declined the funding source and the buyer may choose another (actions.restart())' }),
  ),
  successMessage: Nullable(Type.String()),
  redirectUrl: Nullable(Type.String()),
});
