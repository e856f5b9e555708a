import type Stripe from 'stripe';
import type { DisputeStatus, RefundStatus, TransactionStatus } from '../../platform/db/schema.js';
import { idPattern } from '../../platform/tenancy/ids.js';
import type { PaymentClaim, PaymentMethodShown, ProviderPayment, ProviderRefund, Settlement } from '../payment-provider.js';

/** What OnePagePay writes into a PaymentIntent's metadata (and finds again in reads, sweeps and webhooks). */
export const metadataKeys = { transactionId: 'onepagepay_transaction_id', accountId: 'onepagepay_account_id', formId: 'onepagepay_form_id', refundId: 'onepagepay_refund_id' } as const;

const transactionIdPattern = new RegExp(idPattern('pay'));

/** Our claim on a PaymentIntent: our account and transaction ids in its metadata. */
export function claimOf(pi: Stripe.PaymentIntent): PaymentClaim | null {
  const transactionId = pi.metadata?.[metadataKeys.transactionId];
  const accountId = pi.metadata?.[metadataKeys.accountId];
  if (!transactionId || !accountId || !transactionIdPattern.test(transactionId)) return null;
  return { accountId, transactionId, formId: pi.metadata?.[metadataKeys.formId] ?? null };
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

function toRefund(refund: Stripe.Refund): ProviderRefund {
  return {
    id: refund.id,
    refundId: refund.metadata?.[metadataKeys.refundId] ?? null,
    amount: refund.amount,
    currency: refund.currency,
    status: refundStatusOf(refund),
    reason: refund.reason,
    failureReason: refund.failure_reason ?? null,
  };
}

/** A Stripe dispute's status in our terms: open (its warning_ forms too), won or lost. */
export function disputeStatusOf(dispute: Stripe.Dispute): DisputeStatus {
  if (dispute.status === 'won' || dispute.status === 'warning_closed') return 'won';
  if (dispute.status === 'lost') return 'lost';
  return 'disputed';
}

/** How the charge was paid: a card's brand (or wallet) and last 4, a bank debit's last 4, or just the method. */
export function methodOf(charge: Stripe.Charge | null): PaymentMethodShown | null {
  const details = charge?.payment_method_details;
  if (!details) return null;
  const card = details.card;
  if (card) return { type: card.wallet?.type ?? 'card', brand: card.brand ?? null, last4: card.last4 ?? null, email: null };
  const debit = (details as unknown as Record<string, { last4?: string | null } | undefined>)[details.type];
  return { type: details.type, brand: null, last4: debit?.last4 ?? null, email: null };
}

/** The charge's fee and net from its balance transaction (expanded), once the money is captured. */
export function settlementOf(charge: Stripe.Charge | null): Settlement | null {
  const txn = charge?.balance_transaction;
  if (!txn || typeof txn === 'string') return null;
  return { currency: txn.currency, fee: txn.fee, net: txn.net };
}

/** A PaymentIntent, its latest charge, its refunds and its latest dispute, in the port's terms. */
export function toProviderPayment(pi: Stripe.PaymentIntent, charge: Stripe.Charge | null, refunds: Stripe.Refund[], dispute: Stripe.Dispute | null = null): ProviderPayment {
  const error = pi.last_payment_error;
  return {
    id: pi.id,
    claim: claimOf(pi),
    status: paymentStatusOf(pi),
    amount: pi.amount,
    currency: pi.currency,
    description: pi.description ?? '',
    chargeId: charge?.id ?? null,
    amountRefunded: charge?.amount_refunded ?? 0,
    failure: error
      ? {
          code: error.decline_code ?? error.code ?? 'payment_failed',
          message: error.message ?? 'The payment failed.',
          ref: error.charge ?? error.payment_method?.id ?? error.request_log_url ?? `${pi.id}:${error.code}`,
        }
      : null,
    awaitingRetry: pi.status === 'requires_payment_method',
    customerId: typeof pi.customer === 'string' ? pi.customer : (pi.customer?.id ?? null),
    refunds: refunds.map(toRefund),
    dispute: dispute ? disputeStatusOf(dispute) : null,
    method: methodOf(charge),
    settlement: settlementOf(charge),
  };
}

/**
 * Reads a payment's whole state from Stripe in one call: the PaymentIntent with its latest charge,
 * the charge's balance transaction (fee and net) and the charge's refunds (expanded: every refund, failed ones included, whose money is back in
 * `amount_refunded`); more than 10 refunds are listed in full, and a disputed charge's disputes
 * (the latest counts) are read too.
 */
export async function readStripePayment(client: Stripe, paymentIntentId: string): Promise<ProviderPayment> {
  const pi = await client.paymentIntents.retrieve(paymentIntentId, { expand: ['latest_charge.refunds', 'latest_charge.balance_transaction'] });
  const charge = typeof pi.latest_charge === 'object' ? pi.latest_charge : null;
  const firstRefunds = charge?.refunds;
  const refunds = firstRefunds?.has_more ? (await client.refunds.list({ payment_intent: paymentIntentId, limit: 100 })).data : (firstRefunds?.data ?? []);
  const disputes = charge?.disputed ? (await client.disputes.list({ payment_intent: paymentIntentId, limit: 10 })).data : [];
  const latest = disputes.reduce<Stripe.Dispute | null>((last, d) => (!last || d.created > last.created ? d : last), null);
  return toProviderPayment(pi, charge, refunds, latest);
}
