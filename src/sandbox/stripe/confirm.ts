import { openDispute } from './disputes.js';
import type { Scope, StripeEnv } from './env.js';
import { docUrl, invalidRequest, StripeApiError, unexpectedState } from './errors.js';
import { render } from './expand.js';
import { newId } from './ids.js';
import type { PaymentIntent, PaymentMethod } from './objects.js';
import { bool, obj, str, type Params } from './params.js';
import { createCharge } from './charges.js';
import { createCardPaymentMethod, resolvePaymentMethod } from './payment-methods.js';
import { createLocalPaymentMethod } from './local-methods.js';
import type { CardOutcome } from './test-cards.js';

/** Where the buyer returns after a redirect-based 3-D Secure challenge (not a public PI field). */
const returnUrls = new WeakMap<PaymentIntent, string>();

const confirmable = ['requires_payment_method', 'requires_confirmation', 'requires_action'];

function declineError(scope: Scope, pi: PaymentIntent, pm: PaymentMethod | null, outcome: Extract<CardOutcome, { kind: 'decline' }>, chargeId: string | null) {
  const error: Record<string, unknown> = {
    type: 'card_error',
    code: outcome.code,
    ...(outcome.declineCode ? { decline_code: outcome.declineCode } : {}),
    message: outcome.message,
    ...(outcome.param ? { param: outcome.param } : {}),
    ...(chargeId ? { charge: chargeId } : {}),
    doc_url: docUrl(outcome.code),
  };
  pi.last_payment_error = { ...error, payment_method: pm ? structuredClone(pm) : null };
  return new StripeApiError(402, { ...(error as { type: 'card_error'; message: string }), payment_intent: render(scope, pi), payment_method: pm ? structuredClone(pm) : undefined });
}

/** Charges the PaymentIntent's payment method with the card's outcome; a decline throws Stripe's 402. */
function charge(env: StripeEnv, scope: Scope, pi: PaymentIntent, pm: PaymentMethod, outcome: CardOutcome, threeDSecure: boolean): void {
  pi.next_action = null;
  if (outcome.kind === 'decline') {
    const ch = outcome.noCharge ? null : createCharge(env, scope, pi, pm, outcome, threeDSecure);
    if (ch) pi.latest_charge = ch.id;
    pi.status = 'requires_payment_method';
    pi.payment_method = null;
    const error = declineError(scope, pi, pm, outcome, ch?.id ?? null);
    if (ch) env.emit(scope, 'charge.failed', ch);
    env.emit(scope, 'payment_intent.payment_failed', pi);
    env.onPaymentIntentSettled(scope, pi);
    throw error;
  }
  const ch = createCharge(env, scope, pi, pm, outcome, threeDSecure);
  pi.latest_charge = ch.id;
  pi.last_payment_error = null;
  if (pi.customer && pi.setup_future_usage && !pm.customer) {
    pm.customer = pi.customer;
    env.emit(scope, 'payment_method.attached', pm);
  }
  env.emit(scope, 'charge.succeeded', ch);
  if (pi.capture_method === 'manual') {
    pi.status = 'requires_capture';
    pi.amount_capturable = pi.amount;
    env.emit(scope, 'payment_intent.amount_capturable_updated', pi);
  } else {
    pi.status = 'succeeded';
    pi.amount_received = pi.amount;
    env.emit(scope, 'payment_intent.succeeded', pi);
    if (outcome.kind === 'succeed' && outcome.disputed) openDispute(env, scope, ch);
  }
  env.onPaymentIntentSettled(scope, pi);
}

function threeDSecureAction(env: StripeEnv, pi: PaymentIntent, useStripeSdk: boolean): Record<string, unknown> {
  const base = env.baseUrl();
  const returnUrl = returnUrls.get(pi);
  if (!useStripeSdk && returnUrl) {
    const url = `${base}/__sandbox/stripe/3ds/${pi.id}/redirect?client_secret=${encodeURIComponent(pi.client_secret)}`;
    return { type: 'redirect_to_url', redirect_to_url: { return_url: returnUrl, url } };
  }
  return {
    type: 'use_stripe_sdk',
    use_stripe_sdk: {
      type: 'three_d_secure_redirect',
      source: newId('src'),
      known_frame_issues: 'false',
      // The stand-in's challenge page (the Stripe.js stand-in shows it in a modal).
      stripe_js: `${base}/__sandbox/stripe/3ds/${pi.id}/challenge`,
    },
  };
}

/**
 * `confirm` as Stripe does it, from the server (secret key) or from Stripe.js (publishable key
 * and client secret): resolves the payment method (test `pm_card_…`, an existing `pm_…`, or
 * card `payment_method_data`), then succeeds, declines (402) or asks for 3-D Secure.
 */
export function confirmPaymentIntent(env: StripeEnv, scope: Scope, pi: PaymentIntent, params: Params, fromBrowser: boolean): PaymentIntent {
  if (!confirmable.includes(pi.status)) {
    const what = pi.status === 'succeeded' ? 'it has already succeeded after being previously confirmed' : `it has a status of ${pi.status}`;
    throw unexpectedState(`You cannot confirm this PaymentIntent because ${what}.`);
  }
  const receiptEmail = str(params, 'receipt_email');
  if (receiptEmail) pi.receipt_email = receiptEmail;
  const sfu = str(params, 'setup_future_usage');
  if (sfu) pi.setup_future_usage = sfu;
  const captureMethod = str(params, 'capture_method');
  if (captureMethod === 'manual' || captureMethod === 'automatic' || captureMethod === 'automatic_async') pi.capture_method = captureMethod;
  if (params.shipping !== undefined) pi.shipping = params.shipping || null;
  const returnUrl = str(params, 'return_url');
  if (returnUrl) returnUrls.set(pi, returnUrl);

  let pm: PaymentMethod | undefined;
  const pmId = str(params, 'payment_method');
  const pmData = obj(params, 'payment_method_data');
  if (pmId) pm = resolvePaymentMethod(env, scope, pmId);
  else if (pmData && pmData.type !== 'card') pm = createLocalPaymentMethod(env, scope, pmData);
  else if (pmData) {
    try {
      pm = createCardPaymentMethod(env, scope, pmData);
    } catch (err) {
      if (!(err instanceof StripeApiError) || err.statusCode !== 402) throw err;
      // A card refused before any charge (bad number, expiry, CVC): the PI records it, no charge is made.
      const b = err.body;
      pi.status = 'requires_payment_method';
      pi.payment_method = null;
      const declined = { kind: 'decline', code: b.code ?? 'card_declined', message: b.message, param: b.param, noCharge: true } as const;
      const error = declineError(scope, pi, null, declined, null);
      env.emit(scope, 'payment_intent.payment_failed', pi);
      throw error;
    }
  } else if (pi.payment_method) pm = scope.data.paymentMethods.get(pi.payment_method);
  if (!pm) {
    throw unexpectedState(
      "You cannot confirm this PaymentIntent because it's missing a payment method. You can either update the PaymentIntent with a payment method and then confirm it again, or confirm it again directly with a payment method.",
    );
  }
  const allowed = (pi.payment_method_types as string[] | undefined) ?? ['card'];
  if (!allowed.includes(pm.type)) {
    throw invalidRequest(
      `The PaymentMethod provided (${pm.type}) is not allowed for this PaymentIntent. Please attach a PaymentMethod of one of the following types: ${allowed.join(', ')}. Alternatively, update the allowed payment_method_types for this PaymentIntent to include "${pm.type}".`,
      { code: 'payment_intent_incompatible_payment_method', param: 'payment_method' },
    );
  }
  pi.payment_method = pm.id;
  const outcome = scope.data.cardOutcomes.get(pm.id) ?? { kind: 'succeed' };

  if (outcome.kind === 'redirect') {
    const back = returnUrls.get(pi);
    if (!back) throw invalidRequest(`A return_url must be specified because this PaymentIntent is confirmed with a redirect-based payment method (${pm.type}).`, { param: 'return_url' });
    pi.status = 'requires_action';
    pi.next_action = {
      type: 'redirect_to_url',
      redirect_to_url: { return_url: back, url: `${env.baseUrl()}/__sandbox/stripe/redirect/${pi.id}?client_secret=${encodeURIComponent(pi.client_secret)}` },
    };
    env.emit(scope, 'payment_intent.requires_action', pi);
    return pi;
  }
  if (outcome.kind === 'debit') {
    // A debit needs the buyer's mandate (the Payment Element sends it as accepted online).
    if (!obj(params, 'mandate_data')) throw invalidRequest('mandate_data is required when confirming a PaymentIntent with a sepa_debit PaymentMethod.', { code: 'parameter_missing', param: 'mandate_data' });
    pi.next_action = null;
    const ch = createCharge(env, scope, pi, pm, { kind: 'succeed' }, false, true);
    pi.latest_charge = ch.id;
    pi.last_payment_error = null;
    pi.status = 'processing';
    scope.data.pendingDebits.set(pi.id, { at: env.clock.nowMs() + outcome.afterMs, fails: outcome.fails });
    env.emit(scope, 'charge.pending', ch);
    env.emit(scope, 'payment_intent.processing', pi);
    return pi;
  }

  if (outcome.kind === 'three_d_secure') {
    if (bool(params, 'off_session') || bool(params, 'error_on_requires_action')) {
      charge(env, scope, pi, pm, { kind: 'decline', code: 'authentication_required', declineCode: 'authentication_required', message: 'Your card was declined. This transaction requires authentication.' }, false);
    }
    pi.status = 'requires_action';
    pi.next_action = threeDSecureAction(env, pi, fromBrowser || bool(params, 'use_stripe_sdk') === true || !returnUrl);
    env.emit(scope, 'payment_intent.requires_action', pi);
    return pi;
  }
  charge(env, scope, pi, pm, outcome, false);
  return pi;
}

/**
 * The buyer's answer to what the PaymentIntent asked (the 3-D Secure challenge, or approving on a
 * redirect method's page): `succeed` charges the payment method, `fail` returns the PI to
 * `requires_payment_method`.
 */
export function completeNextAction(env: StripeEnv, scope: Scope, pi: PaymentIntent, result: 'succeed' | 'fail'): PaymentIntent {
  if (pi.status !== 'requires_action') throw unexpectedState(`This PaymentIntent has a status of ${pi.status}; there is no action to complete.`);
  const pm = pi.payment_method ? scope.data.paymentMethods.get(pi.payment_method) : undefined;
  if (!pm) throw unexpectedState('This PaymentIntent has no payment method to authenticate.');
  if (result === 'succeed') {
    charge(env, scope, pi, pm, { kind: 'succeed' }, pm.type === 'card');
    return pi;
  }
  pi.status = 'requires_payment_method';
  pi.next_action = null;
  pi.payment_method = null;
  const [code, message] =
    pm.type === 'card'
      ? [
          'payment_intent_authentication_failure',
          'The provided PaymentMethod has failed authentication. You can provide payment_method_data or a new PaymentMethod to attempt to fulfill this PaymentIntent again.',
        ]
      : [
          'payment_intent_payment_attempt_failed',
          'The latest payment attempt of this PaymentIntent has failed or been canceled, and the attached payment method has been removed. You can try confirming again with a new payment method.',
        ];
  pi.last_payment_error = { code, doc_url: docUrl(code), message, payment_method: structuredClone(pm), type: 'invalid_request_error' };
  env.emit(scope, 'payment_intent.payment_failed', pi);
  env.onPaymentIntentSettled(scope, pi);
  return pi;
}

export function returnUrlOf(pi: PaymentIntent): string | undefined {
  return returnUrls.get(pi);
}
