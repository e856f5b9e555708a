import { Type, type Static } from '@sinclair/typebox';
import { formSelections, paymentProviders, transactionStatuses } from '../db/schema.js';

// The stored enums (platform/db/schema.ts) as the API shows them, for every domain's schemas.
export const TransactionStatusSchema = Type.Union(transactionStatuses.map((s) => Type.Literal(s)));
export const PaymentProviderSchema = Type.Union(paymentProviders.map((p) => Type.Literal(p)));
export const FormSelectionSchema = Type.Union(formSelections.map((s) => Type.Literal(s)));

/**
 * `GET /sandbox.json` in sandbox mode: the base URLs of the provider stand-ins, and of the sandbox's
 * mail inbox (`mail`: `GET {mail}/messages`) and the SMTP server that feeds it (`smtp`).
 */
export const SandboxUrlsSchema = Type.Object({
  stripe: Type.String(),
  hubspot: Type.String(),
  paypal: Type.String(),
  mail: Type.Optional(Type.String()),
  smtp: Type.Optional(Type.String()),
});
export type SandboxUrls = Static<typeof SandboxUrlsSchema>;
