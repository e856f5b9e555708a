import Stripe from 'stripe';
import type { Mode } from '../../platform/db/schema.js';
import { modes } from '../../platform/db/schema.js';
import type { AppContext } from '../../platform/http/types.js';
import { down, up, type CheckResult } from '../health-check.js';
import {
  ProviderError,
  type CancelsPayments,
  type CheckoutHooks,
  type CheckoutOrder,
  type CheckoutPayment,
  type ConnectionContext,
  type ConnectionRow,
  type FindsUnlinkedPayments,
  type ListsRecentPayments,
  type PaymentConnection,
  type PaymentProviderAdapter,
  type PaymentSummary,
  type ProviderEvent,
  type RefundRequest,
  type WebhookDelivery,
} from '../payment-provider.js';
import { loadStripeConnection, openStripeConnection, type StripeConnection } from './load-stripe-connection.js';
import type { StripePublicConfig } from './stripe-connection.js';
import { stripeConnector } from './stripe-connector.js';
import { isStripeMissingCustomer, toProviderError } from './stripe-errors.js';
import { metadataKeys, readStripePayment, toProviderPayment } from './stripe-payment.js';

/** Stripe's default: a signature older than five minutes is refused (replay protection). */
export const webhookToleranceSeconds = 300;

/** Stripe's idempotency key of one of our refunds: a retry (the route's, or reconciliation's) can only ever make that one refund. */
export const refundIdempotencyKey = (refundId: string) => `onepagepay-refund-${refundId}`;

/** Stripe's clock and ours may differ a little: look this far before a transaction was created. */
const clockSkewSeconds = 600;

/** Where Stripe.js is loaded from: Stripe's CDN, or the stand-in for a sandbox connection. */
export function stripeJsUrl(sandboxUrls: AppContext['sandboxUrls'], sandbox: boolean): string {
  return sandbox && sandboxUrls ? `${sandboxUrls.stripe}/v3/` : 'https://js.stripe.com/v3/';
}

/** Runs a Stripe call, its errors said in the port's terms. */
async function call<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw toProviderError(err);
  }
}

/** The PaymentIntent an event is about (the events the webhook endpoint subscribes to). */
export function paymentIntentOf(event: Stripe.Event): string | null {
  const object = event.data.object as { object?: string; id?: string; payment_intent?: string | { id: string } | null };
  const ref = object.object === 'payment_intent' ? object.id : object.payment_intent;
  if (!ref) return null;
  return typeof ref === 'string' ? ref : ref.id;
}

/** A merchant's Stripe account in one mode, behind the port. */
export class StripePaymentConnection implements PaymentConnection, CancelsPayments, FindsUnlinkedPayments, ListsRecentPayments {
  readonly provider = 'stripe' as const;

  constructor(
    readonly stripe: StripeConnection,
    readonly mode: Mode,
  ) {}

  get sandbox() {
    return this.stripe.sandbox;
  }

  /**
   * The buyer's customer (the stored one, else one Stripe already has with that email, else a new
   * one keyed by the contact so concurrent first payments make one), told to the caller before the
   * PaymentIntent is made; then the PaymentIntent, keyed by the transaction, with our claim in its
   * metadata. A stored customer this Stripe account does not know (the merchant connected another
   * account) is replaced by this account's.
   */
  async startPayment(order: CheckoutOrder, hooks: CheckoutHooks): Promise<CheckoutPayment> {
    const create = (customer: string, idempotencyKey: string) =>
      this.stripe.client.paymentIntents.create(
        {
          amount: order.amount,
          currency: order.currency,
          customer,
          description: order.description,
          // The methods turned on in the merchant's Dashboard; where the page must not be left, cards only
          // (the widget's Payment Element offers the same), so no confirmation can ask for a redirect.
          ...(order.allowRedirects ? { automatic_payment_methods: { enabled: true } } : { allowed_payment_method_types: ['card' as const] }),
          metadata: { [metadataKeys.transactionId]: order.transactionId, [metadataKeys.accountId]: order.accountId, [metadataKeys.formId]: order.formId },
        },
        { idempotencyKey },
      );
    const customer = order.buyer.customerId ?? (await this.findOrCreateCustomer(order, null, hooks));
    let pi: Stripe.PaymentIntent;
    try {
      pi = await create(customer, `onepagepay-payment-${order.transactionId}`);
    } catch (err) {
      if (!isStripeMissingCustomer(err)) throw toProviderError(err);
      const replacement = await this.findOrCreateCustomer(order, customer, hooks);
      pi = await call(() => create(replacement, `onepagepay-payment-${order.transactionId}-${replacement}`));
    }
    return { id: pi.id, browser: { clientSecret: pi.client_secret!, publishableKey: this.stripe.publishableKey } };
  }

  async resumePayment(paymentId: string): Promise<CheckoutPayment> {
    const pi = await call(() => this.stripe.client.paymentIntents.retrieve(paymentId));
    return { id: pi.id, browser: { clientSecret: pi.client_secret!, publishableKey: this.stripe.publishableKey } };
  }

  private async findOrCreateCustomer(order: CheckoutOrder, replacing: string | null, hooks: CheckoutHooks): Promise<string> {
    const { buyer } = order;
    const [existing] = (await call(() => this.stripe.client.customers.list({ email: buyer.email, limit: 1 }))).data;
    const name = [buyer.firstName, buyer.lastName].filter(Boolean).join(' ');
    const customer =
      existing ??
      (await call(() =>
        this.stripe.client.customers.create(
          { email: buyer.email, ...(name ? { name } : {}), ...(buyer.phone ? { phone: buyer.phone } : {}), metadata: { onepagepay_contact_id: buyer.contactId } },
          // Keyed by the contact (and the customer it replaces): concurrent first payments make one customer.
          { idempotencyKey: replacing ? `onepagepay-customer-${buyer.contactId}-replacing-${replacing}` : `onepagepay-customer-${buyer.contactId}` },
        ),
      ));
    await hooks.rememberCustomer(customer.id, replacing);
    return customer.id;
  }

  readPayment(paymentId: string) {
    return call(() => readStripePayment(this.stripe.client, paymentId));
  }

  async refund(paymentId: string, refund: RefundRequest) {
    const created = await call(() =>
      this.stripe.client.refunds.create(
        {
          payment_intent: paymentId,
          amount: refund.amount,
          ...(refund.reason ? { reason: refund.reason as Stripe.RefundCreateParams.Reason } : {}),
          metadata: { [metadataKeys.refundId]: refund.refundId, [metadataKeys.transactionId]: refund.transactionId, [metadataKeys.accountId]: refund.accountId },
        },
        { idempotencyKey: refundIdempotencyKey(refund.refundId) },
      ),
    );
    return { id: created.id };
  }

  async cancelPayment(paymentId: string, reason: 'abandoned' | 'fraudulent') {
    await call(() => this.stripe.client.paymentIntents.cancel(paymentId, { cancellation_reason: reason }));
  }

  async *recentPayments(since: Date, limit: number): AsyncIterable<PaymentSummary> {
    const list = this.stripe.client.paymentIntents.list({ created: { gte: Math.floor(since.getTime() / 1000) }, limit: 100 });
    const iterator = list[Symbol.asyncIterator]();
    for (let read = 0; read < limit; read++) {
      const next = await call(() => iterator.next());
      if (next.done) return;
      yield toProviderPayment(next.value, null, []);
    }
  }

  async buyer(payment: PaymentSummary) {
    if (!payment.customerId) return null;
    const customer = await call(() => this.stripe.client.customers.retrieve(payment.customerId!));
    if (customer.deleted || !customer.email) return null;
    return { email: customer.email, name: customer.name ?? '' };
  }

  /** Lists one webhook endpoint (what the connection's key must be allowed to do anyway). */
  async checkHealth(timeoutMs: number): Promise<CheckResult> {
    try {
      await this.stripe.client.webhookEndpoints.list({ limit: 1 }, { timeout: timeoutMs, maxNetworkRetries: 0 });
      return up();
    } catch (err) {
      if (!(err instanceof Stripe.errors.StripeError)) throw err;
      if (err instanceof Stripe.errors.StripeConnectionError) {
        return /timeout/i.test(err.message) ? down('timeout', `Stripe did not answer within ${timeoutMs / 1000} s.`) : down('unreachable', 'Stripe could not be reached.');
      }
      if (err instanceof Stripe.errors.StripeAuthenticationError || err instanceof Stripe.errors.StripePermissionError) {
        return down('credentials_refused', `Stripe refused the secret key: ${err.message}`);
      }
      if (err instanceof Stripe.errors.StripeRateLimitError) return up('rate_limited', 'Stripe is rate-limiting this account.');
      if (err.statusCode !== undefined && err.statusCode >= 500) return down('server_error', `Stripe answered HTTP ${err.statusCode}.`);
      return down('error', `Stripe answered: ${err.message}`);
    }
  }

  async findPaymentFor(transaction: { id: string; accountId: string; createdAt: Date; customerId: string | null }) {
    if (!transaction.customerId) return null;
    const since = Math.floor(transaction.createdAt.getTime() / 1000) - clockSkewSeconds;
    const list = this.stripe.client.paymentIntents.list({ customer: transaction.customerId, created: { gte: since }, limit: 100 });
    const iterator = list[Symbol.asyncIterator]();
    for (;;) {
      const next = await call(() => iterator.next());
      if (next.done) return null;
      const payment = toProviderPayment(next.value, null, []);
      if (payment.claim?.transactionId === transaction.id && payment.claim.accountId === transaction.accountId) return payment;
    }
  }
}

const header = (delivery: WebhookDelivery, name: string) => {
  const value = delivery.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

export const stripeProvider: PaymentProviderAdapter = {
  name: 'stripe',
  connector: stripeConnector,

  open(ctx, row: ConnectionRow) {
    return new StripePaymentConnection(openStripeConnection(ctx, row), row.mode);
  },

  reachabilityUrl(sandboxUrls) {
    return sandboxUrls ? `${sandboxUrls.stripe}/v1/balance` : 'https://api.stripe.com/v1/balance';
  },

  /** The PaymentIntent in Stripe's dashboard (test-mode payments live under /test). */
  dashboardUrl(mode, { paymentId }) {
    return paymentId ? `https://dashboard.stripe.com/${mode === 'test' ? 'test/' : ''}payments/${paymentId}` : null;
  },

  browserConfig(ctx, row: ConnectionRow) {
    const config = row.publicConfig as unknown as StripePublicConfig;
    return { publishableKey: config.publishableKey, jsUrl: stripeJsUrl(ctx.sandboxUrls, row.sandbox) };
  },

  /** The signature over the raw bytes, with the secret of either mode's endpoint: the one that verifies gives the mode. */
  async verifyWebhook(ctx: ConnectionContext, accountId: string, delivery: WebhookDelivery) {
    const signature = header(delivery, 'stripe-signature');
    if (!signature) throw new ProviderError('refused', 'stripe', 'Missing Stripe-Signature header.');
    for (const mode of modes) {
      const stripe = await loadStripeConnection(ctx, accountId, mode);
      if (!stripe) continue;
      let event: Stripe.Event;
      try {
        event = stripe.client.webhooks.constructEvent(delivery.body, signature, stripe.webhookSecret, webhookToleranceSeconds) as Stripe.Event;
      } catch {
        continue; // Not this mode's secret (or a bad signature): try the other mode.
      }
      const verified: ProviderEvent = { id: event.id, type: event.type, paymentId: paymentIntentOf(event) };
      return { event: verified, connection: new StripePaymentConnection(stripe, mode) };
    }
    throw new ProviderError('refused', 'stripe', 'The Stripe signature is invalid or too old.');
  },
};
