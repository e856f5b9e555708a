import type { Scope, StripeEnv } from './env.js';
import { invalidRequest, unexpectedState } from './errors.js';
import type { PaymentIntent } from './objects.js';
import { recordChargeBalance } from './balance-transactions.js';

const cancelable = ['requires_payment_method', 'requires_capture', 'requires_confirmation', 'requires_action', 'processing'];
const reasons = ['duplicate', 'fraudulent', 'requested_by_customer', 'abandoned'];

/** Captures an authorised (`capture_method=manual`) PaymentIntent, in full or in part; the rest is released. */
export function capturePaymentIntent(env: StripeEnv, scope: Scope, pi: PaymentIntent, amountToCapture?: number): void {
  if (pi.status !== 'requires_capture') {
    throw unexpectedState(`This PaymentIntent could not be captured because it has a status of ${pi.status}. Only a PaymentIntent with one of the following statuses may be captured: requires_capture.`);
  }
  const amount = amountToCapture ?? pi.amount_capturable;
  if (amount > pi.amount_capturable) {
    throw invalidRequest(`The amount to capture (${amount}) is greater than the amount capturable (${pi.amount_capturable}).`, { param: 'amount_to_capture', code: 'amount_too_large' });
  }
  const charge = pi.latest_charge ? scope.data.charges.get(pi.latest_charge) : undefined;
  if (charge) {
    charge.captured = true;
    charge.amount_captured = amount;
    // An uncaptured remainder is released, which Stripe shows as refunded on the charge.
    charge.amount_refunded = charge.amount - amount;
    recordChargeBalance(env, scope, charge);
    env.emit(scope, 'charge.captured', charge);
  }
  pi.amount_received = amount;
  pi.amount_capturable = 0;
  pi.status = 'succeeded';
  env.emit(scope, 'payment_intent.succeeded', pi);
  env.onPaymentIntentSettled(scope, pi);
}

export function cancelPaymentIntent(env: StripeEnv, scope: Scope, pi: PaymentIntent, reason: string | null): void {
  if (!cancelable.includes(pi.status)) {
    throw unexpectedState(
      `You cannot cancel this PaymentIntent because it has a status of ${pi.status}. Only a PaymentIntent with one of the following statuses may be canceled: ${cancelable.join(', ')}.`,
    );
  }
  if (reason && !reasons.includes(reason)) throw invalidRequest(`Invalid cancellation_reason: must be one of ${reasons.join(', ')}`, { param: 'cancellation_reason' });
  if (pi.status === 'requires_capture' && pi.latest_charge) {
    const charge = scope.data.charges.get(pi.latest_charge);
    if (charge) {
      charge.amount_refunded = charge.amount;
      charge.refunded = true;
    }
  }
  pi.status = 'canceled';
  pi.canceled_at = env.clock.nowSeconds();
  pi.cancellation_reason = reason;
  pi.next_action = null;
  pi.amount_capturable = 0;
  env.emit(scope, 'payment_intent.canceled', pi);
  env.onPaymentIntentSettled(scope, pi);
}
