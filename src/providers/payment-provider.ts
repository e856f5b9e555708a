import type { TObject } from '@sinclair/typebox';
import type { DisputeStatus, Mode, PaymentProvider, providerConnections, RefundStatus, TransactionStatus } from '../platform/db/schema.js';
import { AppError } from '../platform/http/errors.js';
import type { AppContext } from '../platform/http/types.js';
import type { CheckResult } from './health-check.js';
import { providerNames } from './provider-names.js';

export { providerNames };

/**
 * The payment-provider port: what OnePagePay asks of Stripe, PayPal or any provider, in our terms.
 * Checkout, payments, reconciliation and the webhook route speak only this; each adapter under
 * src/providers/<name>/ maps it to its provider's API, and src/providers/payment-providers.ts
 * registers it (docs/architecture.md, "Payment providers").
 */

/** Our ids as we wrote them into the provider's payment (Stripe metadata, PayPal custom_id): a payment made by OnePagePay. */
export interface PaymentClaim {
  accountId: string;
  transactionId: string;
  formId: string | null;
}

/** One refund as the provider has it. */
export interface ProviderRefund {
  /** The provider's refund id. */
  id: string;
  /** Ours, when we asked for it (Stripe metadata); refunds made in the provider's dashboard have none. */
  refundId: string | null;
  amount: number;
  currency: string;
  status: RefundStatus;
  reason: string | null;
  failureReason: string | null;
}

/** A payment as the provider says it is now (a fresh read; never an event body). */
export interface ProviderPayment {
  /** The provider's payment: a Stripe PaymentIntent, a PayPal order. */
  id: string;
  claim: PaymentClaim | null;
  /** Our status before refunds are counted: pending, requires_action, processing, succeeded, failed or canceled. */
  status: TransactionStatus;
  amount: number;
  currency: string;
  description: string;
  /** The money movement in it: a Stripe charge, a PayPal capture. */
  chargeId: string | null;
  /** What the provider counts as refunded, refunds in progress included. */
  amountRefunded: number;
  /** The last attempt's failure, when there was one. */
  failure: { code: string; message: string; ref: string } | null;
  /** Declined and open for another attempt on the same payment (Stripe's requires_payment_method). */
  awaitingRetry: boolean;
  /** The buyer at the provider (a Stripe customer), when the provider keeps one. */
  customerId: string | null;
  refunds: ProviderRefund[];
  /** Where a chargeback of it stands (the latest dispute), null when it was never disputed. */
  dispute: DisputeStatus | null;
  /** How the buyer paid, once the provider says (card brand and last 4, a debit's last 4, the PayPal payer's email). */
  method: PaymentMethodShown | null;
  /** What the provider took and what the merchant keeps of the money movement, once it says (Stripe's balance transaction, PayPal's receivable breakdown). */
  settlement: Settlement | null;
}

/** A payment's fee and net, in the currency the merchant is paid in (which may not be the payment's). */
export interface Settlement {
  currency: string;
  fee: number;
  net: number;
}

/** How a payment was paid, as far as it may be shown to the merchant and the buyer. */
export interface PaymentMethodShown {
  /** `card`, `sepa_debit`, `klarna`, `paypal`, … (the provider's word). */
  type: string;
  brand: string | null;
  last4: string | null;
  email: string | null;
}

/** A payment as a provider's list shows it (reconciliation's sweep): no money movement or refunds read. */
export type PaymentSummary = Pick<ProviderPayment, 'id' | 'claim' | 'status' | 'amount' | 'currency' | 'description' | 'customerId'>;

/** The buyer as the provider knows them (to write a lost transaction again). */
export interface ProviderBuyer {
  email: string;
  name: string;
}

/** A verified webhook delivery, reduced to what we act on: the payment it concerns is then read fresh. */
export interface ProviderEvent {
  id: string;
  type: string;
  /** The provider's payment it concerns (Stripe PaymentIntent, PayPal order); null when it concerns none we track. */
  paymentId: string | null;
}

/** A priced order to take payment for: the transaction is stored `pending` before the provider is asked. */
export interface CheckoutOrder {
  transactionId: string;
  accountId: string;
  formId: string;
  amount: number;
  currency: string;
  description: string;
  items: { name: string; quantity: number; unitAmount: number; amount: number }[];
  /** The buyer may leave the page for the provider's and come back (redirect-based methods); false inside a HubSpot form. */
  allowRedirects: boolean;
  buyer: {
    contactId: string;
    email: string;
    firstName: string;
    lastName: string;
    phone: string;
    /** The buyer's customer at this provider from an earlier payment (Stripe), if any. */
    customerId: string | null;
  };
}

/** A provider payment the browser can pay. */
export interface CheckoutPayment {
  /** The provider's payment, linked to the transaction. */
  id: string;
  /** What the browser needs to pay it (the public API's `stripe` or `paypal` object). */
  browser: Record<string, string>;
}

export interface CheckoutHooks {
  /**
   * The buyer's customer the provider made or found (Stripe), told before the payment is created
   * so that reconciliation can find that payment among the customer's; `replacing` is the stored
   * one the provider no longer knows (the merchant connected another account).
   */
  rememberCustomer(customerId: string, replacing: string | null): Promise<void>;
}

export interface RefundRequest {
  /** Ours: the provider keys the refund on it, so a retry can only ever make this one refund. */
  refundId: string;
  transactionId: string;
  accountId: string;
  amount: number;
  reason: string | null;
}

/**
 * A provider's answer that is not a success, in our terms:
 * - `unavailable`: unreachable, rate-limiting or failing on its side: try again later, nothing is known to have happened;
 * - `refused`: it answered and said no to the request itself (nothing was made), with a message written to be shown;
 * - `not_found`: what we named does not exist for these credentials.
 */
export class ProviderError extends Error {
  constructor(
    readonly kind: 'unavailable' | 'refused' | 'not_found',
    readonly provider: PaymentProvider,
    message: string,
    readonly providerCode?: string,
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}

/**
 * The API's error for a provider's answer (the one map from provider errors to statuses):
 * unavailable → 503 provider_unavailable; refused or not found → 422 unprocessable with the
 * provider's own message, which is written to be shown. An AppError passes as it is; anything
 * else is not a provider's answer and is rethrown.
 */
export function providerErrorToAppError(err: unknown, doing: string): AppError {
  if (err instanceof AppError) return err;
  if (!(err instanceof ProviderError)) throw err;
  const name = providerNames[err.provider];
  if (err.kind === 'unavailable' && err.providerCode === 'idempotency_key_in_use') {
    // Stripe is still working on the same request, sent earlier (a double submit): retrying the same key gets its answer.
    return new AppError('provider_unavailable', `${name} is still busy with an identical earlier request while ${doing}. Please try again in a moment.`);
  }
  if (err.kind === 'unavailable') return new AppError('provider_unavailable', `${name} could not be reached while ${doing}. Please try again in a moment.`);
  return new AppError('unprocessable', `${name} refused ${doing}: ${err.message}`, { provider: err.provider, providerCode: err.providerCode });
}

/** A merchant's connection to one payment provider in one mode, its credentials opened: the capabilities every provider has. */
export interface PaymentConnection {
  readonly provider: PaymentProvider;
  readonly mode: Mode;
  /** A connection to the provider's stand-in (sandbox mode). */
  readonly sandbox: boolean;
  /** Creates the payment for an order, idempotent per transaction: the same order twice gives the same payment. */
  startPayment(order: CheckoutOrder, hooks: CheckoutHooks): Promise<CheckoutPayment>;
  /** What the browser needs to pay a payment made earlier (an identical request answered again). */
  resumePayment(paymentId: string): Promise<CheckoutPayment>;
  /** Reads a payment, its money movement and refunds. */
  readPayment(paymentId: string): Promise<ProviderPayment>;
  /** Refunds part or all of a payment, idempotent on `refundId`; returns the provider's refund id. */
  refund(paymentId: string, refund: RefundRequest): Promise<{ id: string }>;
  /** Monitoring: the cheapest call these credentials must be allowed to make, no retries, within `timeoutMs`. */
  checkHealth(timeoutMs: number): Promise<CheckResult>;
}

/**
 * A capability of providers whose server takes the money once the buyer approved (PayPal's
 * capture): converging a payment (complete, a webhook, reconciliation) calls it instead of a plain
 * read, so an approved payment is captured by whichever comes first. A decline the buyer can retry
 * on the same payment (another funding source) comes back as a failure with `awaitingRetry`.
 */
export interface CapturesApprovedPayments {
  /** Takes the money of an approved payment (nothing to do yet when the buyer has not approved, or already taken) and answers the payment as it is after. */
  capturePayment(paymentId: string): Promise<ProviderPayment>;
}

export const capturesApprovedPayments = (connection: PaymentConnection): connection is PaymentConnection & CapturesApprovedPayments =>
  typeof (connection as Partial<CapturesApprovedPayments>).capturePayment === 'function';

/**
 * A capability some providers have: list their recent payments (reconciliation's sweep finds
 * payments of ours whose transaction never learnt of them, or was lost). Stripe lists
 * PaymentIntents; PayPal has no order listing.
 */
export interface ListsRecentPayments {
  /** Payments made since a time, newest first, at most `limit` read (the sweep keeps those with our claim). */
  recentPayments(since: Date, limit: number): AsyncIterable<PaymentSummary>;
  /** The buyer of a payment, or null when the provider does not know their email. */
  buyer(payment: PaymentSummary): Promise<ProviderBuyer | null>;
}

export const listsRecentPayments = (connection: PaymentConnection): connection is PaymentConnection & ListsRecentPayments =>
  typeof (connection as Partial<ListsRecentPayments>).recentPayments === 'function';

/** A capability some providers have: cancel an open payment so it can no longer be paid (Stripe). */
export interface CancelsPayments {
  cancelPayment(paymentId: string, reason: 'abandoned' | 'fraudulent'): Promise<void>;
}

export const cancelsPayments = (connection: PaymentConnection): connection is PaymentConnection & CancelsPayments =>
  typeof (connection as Partial<CancelsPayments>).cancelPayment === 'function';

/**
 * A capability some providers have: find the payment made for one of our transactions that the
 * transaction never learnt of (a crash between the provider's answer and our write). Stripe
 * searches the buyer's customer's PaymentIntents for our claim.
 */
export interface FindsUnlinkedPayments {
  findPaymentFor(transaction: { id: string; accountId: string; createdAt: Date; customerId: string | null }): Promise<PaymentSummary | null>;
}

export const findsUnlinkedPayments = (connection: PaymentConnection): connection is PaymentConnection & FindsUnlinkedPayments =>
  typeof (connection as Partial<FindsUnlinkedPayments>).findPaymentFor === 'function';

export type ConnectionContext = Pick<AppContext, 'database' | 'secretBox' | 'sandboxUrls'>;
export type ConnectionRow = typeof providerConnections.$inferSelect;

/** What connecting a provider account stores: sealed credentials, readable config, and how to undo the registration. */
export interface PreparedConnection {
  /** Sealed by the caller into `provider_connections.credentials`: never shown again. */
  credentials: object;
  /** Readable in `provider_connections.public_config`: no secret. */
  publicConfig: Record<string, unknown>;
  /** Tells the merchant which credentials are stored without revealing them (sk_test_…abcd). */
  hint: string;
  /** Removes at the provider what `prepare` registered there, when the connection could not be stored. */
  undo(): Promise<void>;
}

/** Connecting a merchant's provider account: every payment provider has it. */
export interface PaymentConnector {
  /** The body of PUT /api/v1/connections/<provider>/:mode: the merchant's credentials. */
  readonly credentialsBody: TObject;
  /**
   * Checks credentials (the body above) with the provider and registers our webhook there at
   * `webhookUrl`; throws an AppError saying what the provider refused or that it could not be reached.
   */
  prepare(ctx: AppContext, input: { accountId: string; mode: Mode; sandbox: boolean; credentials: unknown; webhookUrl: string }): Promise<PreparedConnection>;
  /** What the audit log records of a stored connection beyond provider, mode and hint (say, its webhook's id): no secret. */
  auditDetails(row: Pick<ConnectionRow, 'publicConfig'>): Record<string, unknown>;
  /** Sandbox mode: the credentials of a fresh account minted at the provider's stand-in, as `prepare` takes them. */
  sandboxCredentials(ctx: AppContext, mode: Mode): Promise<unknown>;
  /**
   * Removes at the provider what a stored connection registered (its webhook). Throws a
   * ProviderError: `unavailable` (try again later) or `refused` (these credentials may not any more).
   */
  release(ctx: AppContext, row: ConnectionRow): Promise<void>;
}

/** A payment provider as the rest of the code finds it in the registry (payment-providers.ts). */
export interface PaymentProviderAdapter {
  readonly name: PaymentProvider;
  readonly connector: PaymentConnector;
  /** A stored connection of this provider with its credentials opened (refused for a sandbox connection outside sandbox mode). */
  open(ctx: Pick<ConnectionContext, 'secretBox' | 'sandboxUrls'>, row: ConnectionRow): PaymentConnection;
  /** What the widget needs to load the provider's script for a connection (the public form config's `providers.<name>`): never a secret. */
  browserConfig(ctx: Pick<ConnectionContext, 'sandboxUrls'>, row: ConnectionRow): Record<string, string>;
  /** The payment in the provider's own dashboard, for the merchant; null when there is none (sandbox connections). */
  dashboardUrl(mode: Mode, refs: { paymentId: string | null; chargeId: string | null }): string | null;
  /** Monitoring: an unauthenticated URL of the provider's API (its stand-in in sandbox mode) that answers below 500 when it is up. */
  reachabilityUrl(sandboxUrls: AppContext['sandboxUrls']): string;
  /**
   * Checks a webhook delivery's signature (before anything else is done with it) against the
   * account's connections, and says which mode's connection it belongs to. Throws a `refused`
   * ProviderError when no connection verifies it.
   */
  verifyWebhook(ctx: ConnectionContext, accountId: string, delivery: WebhookDelivery): Promise<{ event: ProviderEvent; connection: PaymentConnection }>;
}

export interface WebhookDelivery {
  /** The exact bytes received: signatures cover them. */
  body: Buffer;
  headers: Record<string, string | string[] | undefined>;
}
