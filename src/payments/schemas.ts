import { Type, type Static } from '@sinclair/typebox';
import { ModeSchema } from '../accounts/schemas.js';
import { Nullable } from '../catalog/schemas.js';
import { disputeStatuses, emailKinds, refundStatuses } from '../platform/db/schema.js';
import { PaymentProviderSchema, TransactionStatusSchema } from '../platform/http/schemas.js';
import { SyncSummarySchema } from '../sync/schemas.js';

const DateTime = Type.String({ format: 'date-time' });
const Money = Type.Integer({ description: 'Integer minor units of the currency' });

export const TransactionItemSchema = Type.Object({
  position: Type.Integer(),
  priceId: Type.String(),
  productId: Type.String(),
  productName: Type.String(),
  nickname: Type.String(),
  quantity: Type.Integer(),
  unitAmount: Money,
  amount: Money,
});

export const ContactSummarySchema = Type.Object({ id: Type.String(), email: Type.String(), firstName: Type.String(), lastName: Type.String() });

export const TransactionSchema = Type.Object({
  id: Type.String(),
  object: Type.Literal('transaction'),
  mode: ModeSchema,
  status: TransactionStatusSchema,
  provider: PaymentProviderSchema,
  amount: Money,
  amountRefunded: Money,
  netAmount: Money,
  currency: Type.String(),
  description: Type.String(),
  items: Type.Array(TransactionItemSchema),
  contact: ContactSummarySchema,
  formId: Type.String(),
  failureCode: Nullable(Type.String()),
  failureMessage: Nullable(Type.String()),
  dispute: Type.Union([...disputeStatuses.map((d) => Type.Literal(d)), Type.Null()], {
    description: "A chargeback: disputed (open: answer it in the provider's dashboard), won or lost; null when never disputed",
  }),
  paymentMethod: Nullable(
    Type.Object(
      {
        type: Type.String({ description: 'card, sepa_debit, klarna, paypal, … (the provider\'s word)' }),
        brand: Nullable(Type.String()),
        last4: Nullable(Type.String()),
        email: Nullable(Type.String({ description: "The PayPal payer's email" })),
        label: Type.String({ description: 'In words: "Visa •••• 4242", "PayPal (ada@example.com)"' }),
      },
      { description: 'How the buyer paid, once the provider said; null before' },
    ),
  ),
  createdAt: DateTime,
  updatedAt: DateTime,
  succeededAt: Nullable(DateTime),
});

const RefundStatusSchema = Type.Union(refundStatuses.map((s) => Type.Literal(s)));

export const RefundSchema = Type.Object({
  id: Type.String(),
  object: Type.Literal('refund'),
  mode: ModeSchema,
  transactionId: Type.String(),
  amount: Money,
  currency: Type.String(),
  status: RefundStatusSchema,
  reason: Nullable(Type.String()),
  failureReason: Nullable(Type.String()),
  stripeRefundId: Nullable(Type.String({ description: "Stripe's refund id (re_…); null for other providers' refunds" })),
  providerRefundId: Nullable(Type.String({ description: "The provider's refund id (Stripe re_…, PayPal's refund id)" })),
  createdBy: Nullable(Type.String({ description: "The member who asked for it; null for refunds made in the provider's dashboard" })),
  createdAt: DateTime,
  updatedAt: DateTime,
});

export const ContactSchema = Type.Object({
  id: Type.String(),
  object: Type.Literal('contact'),
  mode: ModeSchema,
  email: Type.String(),
  firstName: Type.String(),
  lastName: Type.String(),
  phone: Type.String(),
  paymentsCount: Type.Integer(),
  lifetimeValue: Type.Record(Type.String(), Money, { description: 'Net paid per currency (payments minus refunds), e.g. {"usd": 12300}' }),
  firstPurchaseAt: Nullable(DateTime),
  lastPurchaseAt: Nullable(DateTime),
  stripeCustomerId: Nullable(Type.String()),
  hubspotContactId: Nullable(Type.String()),
  createdAt: DateTime,
  updatedAt: DateTime,
});

/**
 * The HubSpot part of a transaction's detail. The sync module owns what it adds here (deal id,
 * sync status, last error…): extend the schema and `hubspotDetail` together.
 */
export const HubSpotDetailSchema = Type.Object({
  contactId: Nullable(Type.String({ description: "The buyer's HubSpot contact id, once synced" })),
  dealId: Nullable(Type.String({ description: "The HubSpot deal recording the payment, once synced" })),
  sync: SyncSummarySchema,
});
export type HubSpotDetail = Static<typeof HubSpotDetailSchema>;

const at = { at: DateTime };

/** One step of a payment's history (src/payments/timeline.ts), oldest first. */
export const TimelineEntrySchema = Type.Union(
  [
    Type.Object({ kind: Type.Literal('created'), amount: Money, currency: Type.String(), ...at }),
    Type.Object({
      kind: Type.Literal('status'),
      status: TransactionStatusSchema,
      reason: Type.Optional(Nullable(Type.String({ description: 'Why it failed, in words a merchant understands' }))),
      ...at,
    }),
    Type.Object({ kind: Type.Literal('webhook'), provider: PaymentProviderSchema, type: Type.String({ description: "The provider's event type" }), eventId: Type.String(), ...at }),
    Type.Object({
      kind: Type.Literal('refund'),
      refundId: Type.String(),
      amount: Money,
      currency: Type.String(),
      status: RefundStatusSchema,
      failureReason: Type.Optional(Nullable(Type.String())),
      ...at,
    }),
    Type.Object({ kind: Type.Literal('dispute'), status: Type.Union(disputeStatuses.map((d) => Type.Literal(d))), ...at }),
    Type.Object({ kind: Type.Literal('sync'), ok: Type.Boolean(), error: Type.Optional(Nullable(Type.String())), ...at }),
    Type.Object({ kind: Type.Literal('email'), email: Type.Union(emailKinds.map((k) => Type.Literal(k))), to: Type.String(), ...at }),
  ],
  { description: 'created; a status reached (requires_action: the bank asked for authentication); a webhook received; a refund asked for or settled; a dispute; a HubSpot sync attempt; a receipt sent' },
);

export const TransactionDetailSchema = Type.Composite([
  Type.Omit(TransactionSchema, ['contact']),
  Type.Object({
    contact: ContactSchema,
    refunds: Type.Array(RefundSchema),
    refundable: Type.Integer({ description: 'What a refund may still take: the amount minus refunds succeeded or in progress (0 unless succeeded or partially refunded)' }),
    stripe: Nullable(
      Type.Object(
        {
          paymentIntentId: Nullable(Type.String()),
          chargeId: Nullable(Type.String()),
          customerId: Nullable(Type.String()),
          dashboardUrl: Nullable(Type.String({ description: "The payment in Stripe's dashboard; null in sandbox mode" })),
        },
        { description: 'A card payment through Stripe; null for other providers' },
      ),
    ),
    paypal: Nullable(
      Type.Object(
        {
          orderId: Nullable(Type.String()),
          captureId: Nullable(Type.String({ description: 'Once the money was taken' })),
          dashboardUrl: Nullable(Type.String({ description: "The capture in PayPal's activity; null in sandbox mode" })),
        },
        { description: 'A PayPal payment; null for other providers' },
      ),
    ),
    hubspot: HubSpotDetailSchema,
    hubspotFields: Type.Record(Type.String(), Type.String()),
    settlement: Nullable(
      Type.Object(
        {
          currency: Type.String({ description: "The currency the merchant is paid in (may differ from the payment's)" }),
          fee: Money,
          net: Money,
        },
        { description: "What the provider took (fee) and what reaches the merchant's balance (net) of the money captured, from the provider's balance transaction (Stripe) or receivable breakdown (PayPal); null until the provider says. Refunds are not taken off." },
      ),
    ),
    timeline: Type.Array(TimelineEntrySchema),
  }),
]);

export const CurrencyTotalsSchema = Type.Object({
  currency: Type.String(),
  count: Type.Integer({ description: 'Transactions in this currency, any status' }),
  paidCount: Type.Integer({ description: 'Of which went through (succeeded, partially refunded or refunded)' }),
  amount: Money,
  refunded: Money,
  net: Money,
});

export const TotalsSchema = Type.Object({ count: Type.Integer(), currencies: Type.Array(CurrencyTotalsSchema) });

export const TransactionPageSchema = Type.Object({
  data: Type.Array(TransactionSchema),
  nextCursor: Nullable(Type.String()),
  totals: TotalsSchema,
});

export const ContactDetailSchema = Type.Composite([ContactSchema, Type.Object({ transactions: TransactionPageSchema })]);

export const summaryIntervals = ['day', 'week', 'month'] as const;
export type SummaryInterval = (typeof summaryIntervals)[number];

export const RevenueSummarySchema = Type.Object({
  interval: Type.Union(summaryIntervals.map((i) => Type.Literal(i))),
  timezone: Type.String(),
  from: DateTime,
  to: DateTime,
  currencies: Type.Array(Type.String()),
  buckets: Type.Array(Type.Object({ start: Type.String({ description: 'First day of the bucket in the time zone, YYYY-MM-DD' }), currencies: Type.Array(CurrencyTotalsSchema) })),
});

/** GET /api/v1/search: what matched, newest buyers first after exact ids. */
export const SearchResultsSchema = Type.Object({
  data: Type.Array(
    Type.Object({
      kind: Type.Union([Type.Literal('transaction'), Type.Literal('contact')]),
      id: Type.String(),
      label: Type.String(),
      matched: Type.Union([Type.Literal('payment id'), Type.Literal('provider id'), Type.Literal('contact id'), Type.Literal('email'), Type.Literal('name')]),
    }),
  ),
});
