import type Stripe from 'stripe';
import type { RefundStatus, TransactionStatus } from '../platform/db/schema.js';

/** What Stripe says about one payment: the PaymentIntent, its latest charge, and its refunds. */
export interface StripePaymentState {
  paymentIntent: Stripe.PaymentIntent;
  charge: Stripe.Charge | null;
  refunds: Stripe.Refund[];
}

/** Reads a payment's whole state from Stripe (the webhook, complete and reconciliation all converge from this, never from an event body). */
export async function readStripePayment(client: Stripe, paymentIntentId: string): Promise<StripePaymentState> {
  const paymentIntent = await client.paymentIntents.retrieve(paymentIntentId, { expand: ['latest_charge'] });
  const charge = typeof paymentIntent.latest_charge === 'object' ? paymentIntent.latest_charge : null;
  const refunds = charge && (charge.amount_refunded > 0 || charge.refunded) ? (await client.refunds.list({ payment_intent: paymentIntentId, limit: 100 })).data : [];
  return { paymentIntent, charge, refunds };
}

/** A PaymentIntent's status in our terms, before refunds are counted. */
export function paymentStatusOf(pi: Stripe.PaymentIntent): TransactionStatus {
  switch (pi.status) {
    case 'succeeded':
      return 'succeeded';
    case 'processing':
    case 'requires_capture':
      return 'processing';
    case 'requires_action':
      return 'requires_action';
    case 'canceled':
      return 'canceled';
    default:
      // requires_payment_method / requires_confirmation: failed when the last attempt was declined.
      return pi.last_payment_error ? 'failed' : 'pending';
  }
}

export function refundStatusOf(refund: Stripe.Refund): RefundStatus {
  switch (refund.status) {
    case 'succeeded':
    case 'failed':
    case 'canceled':
    case 'requires_action':
      return refund.status;
    default:
      return 'pending';
  }
}

/** Refund states only move forward: a late, stale read never undoes a later one. */
const refundRank: Record<RefundStatus, number> = { pending: 0, requires_action: 0, succeeded: 1, failed: 2, canceled: 2 };
export const refundMovesForward = (from: RefundStatus, to: RefundStatus) => refundRank[to] >= refundRank[from];

/** Money that left (or is leaving) the merchant: Stripe counts pending refunds in amount_refunded too. */
export const refundCounts = (status: RefundStatus) => status === 'pending' || status === 'requires_action' || status === 'succeeded';

const successful = new Set<TransactionStatus>(['succeeded', 'partially_refunded', 'refunded']);

/**
 * The stored status after applying a fresh read. A payment that succeeded (or was canceled)
 * never goes back to an earlier state because a stale read arrived late; refunds decide between
 * succeeded, partially_refunded and refunded.
 */
export function nextTransactionStatus(current: TransactionStatus, read: TransactionStatus, amount: number, amountRefunded: number): TransactionStatus {
  let status = read;
  if (successful.has(current) && !successful.has(read)) status = current;
  if (current === 'canceled' && !successful.has(read)) status = 'canceled';
  if (successful.has(status)) status = amountRefunded >= amount ? 'refunded' : amountRefunded > 0 ? 'partially_refunded' : 'succeeded';
  return status;
}

export const isSuccessful = (status: TransactionStatus) => successful.has(status);
