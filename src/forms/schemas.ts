import { Type } from '@sinclair/typebox';
import { ModeSchema } from '../accounts/schemas.js';
import { Currency, PriceSchema, ProductSchema } from '../catalog/schemas.js';
import { FormSelectionSchema, PaymentProviderSchema } from '../platform/http/schemas.js';

const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);
const HubSpotId = Type.String({ pattern: '^[0-9A-Za-z_-]{0,100}$' });

/** Fields of a form's create and update bodies. */
const FormFields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  items: Type.Array(Type.Object({ priceId: Type.String({ maxLength: 64 }) }, { additionalProperties: false }), { minItems: 1, maxItems: 50 }),
  selection: FormSelectionSchema,
  currency: Currency,
  hubspot: Type.Object(
    {
      portalId: Type.Optional(Nullable(Type.String({ pattern: '^[0-9]{0,20}$', description: 'HubSpot portal (hub) id' }))),
      formId: Type.Optional(Nullable(Type.String({ pattern: '^[0-9A-Za-z-]{0,64}$', description: 'HubSpot form GUID' }))),
    },
    { additionalProperties: false },
  ),
  successMessage: Nullable(Type.String({ maxLength: 2000 })),
  redirectUrl: Nullable(Type.String({ maxLength: 2000, description: 'https URL (http only for localhost)' })),
  allowedDomains: Type.Array(Type.String({ maxLength: 300 }), { maxItems: 50, description: 'Origins such as https://shop.example.com' }),
  providers: Type.Array(PaymentProviderSchema, {
    minItems: 1,
    maxItems: 2,
    uniqueItems: true,
    description: 'How buyers may pay: stripe (card), paypal, or both; each is offered only while it is connected. Default: both.',
  }),
  sendReceipts: Type.Boolean({ description: 'Buyers get an email receipt when a payment or a refund succeeds (default true; needs email, see SMTP_URL).' }),
  sync: Type.Object(
    {
      dealPipeline: Type.Optional(Nullable(HubSpotId)),
      dealStage: Type.Optional(Nullable(HubSpotId)),
      refundStage: Type.Optional(Nullable(HubSpotId)),
      syncFailedPayments: Type.Optional(Type.Boolean()),
    },
    { additionalProperties: false },
  ),
};

const optionalFields = Type.Partial(Type.Object(FormFields)).properties;

/** POST /api/v1/forms: every field; name, items and selection required. */
export const CreateFormBody = Type.Object(
  { ...optionalFields, name: FormFields.name, items: FormFields.items, selection: FormFields.selection },
  { additionalProperties: false },
);

/** PATCH /api/v1/forms/:formId: any subset of the fields, and `archived`. */
export const UpdateFormBody = Type.Object({ ...optionalFields, archived: Type.Optional(Type.Boolean()) }, { additionalProperties: false });

const NullableString = Type.Union([Type.String(), Type.Null()]);

export const FormSchema = Type.Object({
  id: Type.String(),
  object: Type.Literal('payment_form'),
  mode: ModeSchema,
  name: Type.String(),
  selection: FormSelectionSchema,
  currency: Type.String(),
  items: Type.Array(
    Type.Object({
      priceId: Type.String(),
      /** False when the price or its product was archived after it was added: shown, not sold. */
      available: Type.Boolean(),
      price: PriceSchema,
      product: ProductSchema,
    }),
  ),
  hubspot: Type.Object({ portalId: NullableString, formId: NullableString }),
  successMessage: NullableString,
  redirectUrl: NullableString,
  allowedDomains: Type.Array(Type.String()),
  providers: Type.Array(PaymentProviderSchema),
  sendReceipts: Type.Boolean(),
  sync: Type.Object({ dealPipeline: NullableString, dealStage: NullableString, refundStage: NullableString, syncFailedPayments: Type.Boolean() }),
  archived: Type.Boolean(),
  /** The script tag to paste next to the HubSpot form. */
  embedCode: Type.String(),
  /** The div and script for a page without a HubSpot form (the widget asks for the buyer's email and name itself). */
  standaloneCode: Type.String(),
  /** The hosted one-page payment link. */
  hostedUrl: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
