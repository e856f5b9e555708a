import type { RefundStatus, TransactionStatus } from '../../platform/db/schema.js';
import { fromDecimalString, minorUnits, toDecimalString } from '../../platform/money/currencies.js';
import { idPattern } from '../../platform/tenancy/ids.js';
import type { CheckoutOrder, PaymentClaim, ProviderPayment, ProviderRefund, Settlement } from '../payment-provider.js';

/** PayPal's money: a currency code and a decimal string. */
export interface PayPalMoney {
  currency_code: string;
  value: string;
}

export interface PayPalCapture {
  id: string;
  status: 'COMPLETED' | 'DECLINED' | 'PENDING' | 'PARTIALLY_REFUNDED' | 'REFUNDED' | 'FAILED';
  amount: PayPalMoney;
  status_details?: { reason?: string };
  custom_id?: string;
  /** What PayPal took and the merchant receives, once the capture settled. */
  seller_receivable_breakdown?: { gross_amount: PayPalMoney; paypal_fee?: PayPalMoney; net_amount?: PayPalMoney };
  supplementary_data?: { related_ids?: { order_id?: string } };
}

export interface PayPalRefund {
  id: string;
  status: 'CANCELLED' | 'FAILED' | 'PENDING' | 'COMPLETED';
  amount: PayPalMoney;
  custom_id?: string;
  status_details?: { reason?: string };
  note_to_payer?: string;
}

export interface PayPalOrder {
  id: string;
  status: 'CREATED' | 'SAVED' | 'APPROVED' | 'VOIDED' | 'COMPLETED' | 'PAYER_ACTION_REQUIRED';
  purchase_units: {
    reference_id?: string;
    amount: PayPalMoney;
    custom_id?: string;
    description?: string;
    payments?: { captures?: PayPalCapture[]; refunds?: PayPalRefund[] };
  }[];
  payer?: { email_address?: string; name?: { given_name?: string; surname?: string }; payer_id?: string };
  create_time?: string;
  links?: { href: string; rel: string; method?: string }[];
}

/** PayPal's currencies with no decimals in its API; ours may count minor units for them (HUF, TWD at Stripe). */
const paypalZeroDecimal = new Set(['huf', 'jpy', 'twd']);

/** An amount in our minor units as PayPal's decimal string (whole units where PayPal takes no decimals). */
export function toPayPalValue(amount: number, currency: string): string {
  const digits = minorUnits(currency);
  return paypalZeroDecimal.has(currency) && digits > 0 ? String(amount / 10 ** digits) : toDecimalString(amount, currency);
}

export const toPayPalMoney = (amount: number, currency: string): PayPalMoney => ({ currency_code: currency.toUpperCase(), value: toPayPalValue(amount, currency) });

/** PayPal's money in our minor units of its currency. */
export function fromPayPalMoney(money: PayPalMoney): { amount: number; currency: string } {
  const currency = money.currency_code.toLowerCase();
  const [whole, fraction = ''] = money.value.split('.');
  const digits = minorUnits(currency);
  // PayPal writes as many decimals as it keeps; ours may count more (HUF "1500" is 150000 of our minor units).
  const amount = paypalZeroDecimal.has(currency) && !fraction ? Number(whole) * 10 ** digits : fromDecimalString(money.value, currency);
  return { amount, currency };
}

/** Can PayPal take this amount? (Whole units only where PayPal has no decimals.) */
export function payPalAccepts(amount: number, currency: string): boolean {
  return !paypalZeroDecimal.has(currency) || amount % 10 ** minorUnits(currency) === 0;
}

const transactionIdPattern = new RegExp(idPattern('pay'));
const formIdPattern = new RegExp(idPattern('form'));
const refundIdPattern = new RegExp(idPattern('rf'));

/** Our claim as the purchase unit's `custom_id` (at most 127 characters at PayPal): `opp:{account}:{transaction}:{form}`. */
export const customIdOf = (order: Pick<CheckoutOrder, 'accountId' | 'transactionId' | 'formId'>) => `opp:${order.accountId}:${order.transactionId}:${order.formId}`;

export function claimOfCustomId(customId: string | undefined): PaymentClaim | null {
  const [tag, accountId, transactionId, formId] = (customId ?? '').split(':');
  if (tag !== 'opp' || !accountId || !/^[0-9a-f]{32}$/.test(accountId) || !transactionId || !transactionIdPattern.test(transactionId)) return null;
  return { accountId, transactionId, formId: formId && formIdPattern.test(formId) ? formId : null };
}

/** A capture's status in our terms. */
function captureStatusOf(capture: PayPalCapture): TransactionStatus {
  switch (capture.status) {
    case 'COMPLETED':
    case 'PARTIALLY_REFUNDED':
    case 'REFUNDED':
      return 'succeeded';
    case 'PENDING':
      return 'processing';
    default:
      return 'failed';
  }
}

/**
 * An order's status in our terms: its capture decides once there is one; approved by the buyer is
 * processing (we capture it as soon as we see it); VOIDED is canceled; anything else waits for the buyer.
 */
function orderStatusOf(order: PayPalOrder, capture: PayPalCapture | undefined): TransactionStatus {
  if (capture) return captureStatusOf(capture);
  if (order.status === 'APPROVED') return 'processing';
  if (order.status === 'VOIDED') return 'canceled';
  return 'pending';
}

export function refundStatusOf(refund: PayPalRefund): RefundStatus {
  switch (refund.status) {
    case 'COMPLETED':
      return 'succeeded';
    case 'FAILED':
      return 'failed';
    case 'CANCELLED':
      return 'canceled';
    default:
      return 'pending';
  }
}

function toRefund(refund: PayPalRefund): ProviderRefund {
  const { amount, currency } = fromPayPalMoney(refund.amount);
  return {
    id: refund.id,
    refundId: refund.custom_id && refundIdPattern.test(refund.custom_id) ? refund.custom_id : null,
    amount,
    currency,
    status: refundStatusOf(refund),
    reason: refund.note_to_payer ?? null,
    failureReason: refund.status === 'FAILED' ? (refund.status_details?.reason ?? 'failed') : null,
  };
}

/** A settled capture's fee and net (its seller receivable breakdown). */
function settlementOf(capture: PayPalCapture | undefined): Settlement | null {
  const breakdown = capture?.seller_receivable_breakdown;
  if (!breakdown?.net_amount) return null;
  const net = fromPayPalMoney(breakdown.net_amount);
  const fee = breakdown.paypal_fee ? fromPayPalMoney(breakdown.paypal_fee).amount : fromPayPalMoney(breakdown.gross_amount).amount - net.amount;
  return { currency: net.currency, fee, net: net.amount };
}

/**
 * An order in the port's terms: OnePagePay makes one purchase unit per order, captured once, so
 * its first capture is the money movement (the charge) and the unit's refunds are the payment's.
 * A declined capture is final for the order (the buyer starts a new payment).
 */
export function toProviderPayment(order: PayPalOrder): ProviderPayment {
  const unit = order.purchase_units[0];
  const capture = unit?.payments?.captures?.[0];
  const { amount, currency } = unit ? fromPayPalMoney(unit.amount) : { amount: 0, currency: '' };
  const refunds = (unit?.payments?.refunds ?? []).map(toRefund);
  const status = orderStatusOf(order, capture);
  return {
    id: order.id,
    claim: claimOfCustomId(unit?.custom_id),
    status,
    amount,
    currency,
    description: unit?.description ?? '',
    chargeId: capture?.id ?? null,
    amountRefunded: refunds.filter((r) => r.status === 'pending' || r.status === 'succeeded').reduce((sum, r) => sum + r.amount, 0),
    failure:
      status === 'failed' && capture
        ? { code: 'capture_declined', message: 'PayPal declined the payment. Please pay another way.', ref: capture.id }
        : null,
    awaitingRetry: false,
    customerId: null,
    refunds,
    // PayPal disputes live in its Disputes API (not read yet): a PayPal payment shows none.
    dispute: null,
    method: order.payer || capture ? { type: 'paypal', brand: null, last4: null, email: order.payer?.email_address ?? null } : null,
    settlement: settlementOf(capture),
  };
}
