/**
 * The public payment API's shapes (docs/public-api.md), as the widget reads them: the server's
 * own schemas (src/checkout/schemas.ts), imported as types only, so they cannot drift apart.
 */
import type { Static } from '@sinclair/typebox';
import type { CanceledPaymentSchema, CompletedPaymentSchema, CreatedPaymentSchema, CreatePaymentBody as CreatePaymentBodySchema, FormConfigSchema } from '../../src/checkout/schemas.js';

export type FormConfig = Static<typeof FormConfigSchema>;
export type Selection = FormConfig['selection'];
export type ConfigItem = FormConfig['items'][number];
export type StripeProvider = NonNullable<FormConfig['providers']['stripe']>;
export type PayPalProvider = NonNullable<FormConfig['providers']['paypal']>;

export type CreatePaymentBody = Static<typeof CreatePaymentBodySchema>;
export type Contact = CreatePaymentBody['contact'];
export type OrderLine = CreatePaymentBody['items'][number];

/** The answer to creating a payment. */
export type CreatedPayment = Static<typeof CreatedPaymentSchema>;
/** The answer to `complete`. */
export type CompletedPayment = Static<typeof CompletedPaymentSchema>;
export type PaymentStatus = CompletedPayment['status'];
/** The answer to `cancel`. */
export type CanceledPayment = Static<typeof CanceledPaymentSchema>;
/** A payment as an outcome carries it: the answer to creating it, or to `complete`. */
export type Payment = CreatedPayment | CompletedPayment;
