import type Stripe from 'stripe';
import type { Mode } from '../../platform/db/schema.js';
import { modes } from '../../platform/db/schema.js';
import {
  ProviderError,
  type CancelsPayments,
  type ConnectionContext,
  type FindsUnlinkedPayments,
  type PaymentConnection,
  type PaymentProviderAdapter,
  type PaymentSummary,
  type ProviderEvent,
  type RefundRequest,
  type WebhookDelivery,
} from '../payment-provider.js';
import { loadStripeConnection, type StripeConnection } from './load-stripe-connection.js';
import { toProviderError } from './stripe-errors.js';
import { metadataKeys, readStripePayment, toProviderPayment } from './stripe-payment.js';

/** Stripe's default: a signature older than five minutes is refused (replay protection). */
export const webhookToleranceSeconds = 300;

/** Stripe's idempotency key of one of our refunds: a retry (the route's, or reconciliation's) can only ever make that one refund. */
export const refundIdempotencyKey = (refundId: string) => `onepagepay-refund-${refundId}`;

/** Stripe's clock and ours may differ a little: look this far before a transaction was created. */
const clockSkewSeconds = 600;

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
export class StripePaymentConnection implements PaymentConnection, CancelsPayments, FindsUnlinkedPayments {
  readonly provider = 'stripe' as const;

  constructor(
    readonly stripe: StripeConnection,
    readonly mode: Mode,
  ) {}

  get sandbox() {
    return this.stripe.sandbox;
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

  async connection(ctx: ConnectionContext, accountId: string, mode: Mode) {
    const stripe = await loadStripeConnection(ctx, accountId, mode);
    return stripe && new StripePaymentConnection(stripe, mode);
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
