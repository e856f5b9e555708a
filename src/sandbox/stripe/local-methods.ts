import { createHmac, randomBytes } from 'node:crypto';
import { backgroundScope, type Scope, type StripeEnv } from './env.js';
import { invalidRequest, parameterMissing } from './errors.js';
import { newId } from './ids.js';
import type { PaymentMethod } from './objects.js';
import { allowOnly, applyMetadata, obj, str, type Params } from './params.js';
import { billingDetails } from './payment-methods.js';
import { recordChargeBalance } from './balance-transactions.js';

/**
 * The payment methods besides cards that the stand-in's accounts have "turned on in the Dashboard":
 * - Klarna, redirect-based (the buyer approves on Klarna's page and comes back to `return_url`),
 *   in Klarna's currencies (Stripe's Klarna guide, "Supported currencies");
 * - SEPA Direct Debit, a delayed-notification method (the PaymentIntent stays `processing` until the
 *   bank answers), in euros only (Stripe's SEPA Direct Debit guide).
 */
export const klarnaCurrencies = new Set(['aud', 'cad', 'chf', 'czk', 'dkk', 'eur', 'gbp', 'nok', 'nzd', 'pln', 'sek', 'usd']);
export const redirectTypes = new Set(['klarna']);
const knownTypes = ['card', 'klarna', 'sepa_debit'];

/** What a PaymentIntent in this currency can be paid with, the account's methods filtered as Stripe filters them. */
export function paymentMethodTypesFor(currency: string, opts: { allowRedirects: boolean; allowed?: string[] }): string[] {
  const compatible = ['card', ...(klarnaCurrencies.has(currency) ? ['klarna'] : []), ...(currency === 'eur' ? ['sepa_debit'] : [])];
  return compatible.filter((type) => (opts.allowed ? opts.allowed.includes(type) : opts.allowRedirects || !redirectTypes.has(type)));
}

/**
 * Stripe's SEPA Direct Debit test IBANs (Stripe's testing guide): the debit succeeds or fails,
 * at once or after at least three minutes. Any other valid IBAN succeeds. "At once" is the next
 * time the stand-in looks (the sandbox clock advancing, or within 30 s of real time), since the
 * PaymentIntent first reads `processing` in every case.
 */
const testIbans: Record<string, { fails: boolean; afterMs: number }> = {
  AT611904300234573201: { fails: false, afterMs: 0 },
  AT321904300235473204: { fails: false, afterMs: 180_000 },
  AT861904300235473202: { fails: true, afterMs: 0 },
  AT051904300235473205: { fails: true, afterMs: 180_000 },
};

/** ISO 13616 check: two letters, two check digits, up to 30 letters or digits, mod 97 = 1. */
export function ibanValid(iban: string): boolean {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const digits = (iban.slice(4) + iban.slice(0, 4)).replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let rest = 0;
  for (const d of digits) rest = (rest * 10 + Number(d)) % 97;
  return rest === 1;
}

const fingerprintSalt = randomBytes(32);

/**
 * A Klarna or SEPA Direct Debit PaymentMethod from `payment_method_data` (as the Payment Element sends
 * it), with what it will do when charged (kept beside the cards' outcomes).
 */
export function createLocalPaymentMethod(env: StripeEnv, scope: Scope, params: Params): PaymentMethod {
  const type = str(params, 'type');
  if (!type || !knownTypes.includes(type)) {
    throw invalidRequest(type ? `The payment method type provided: ${type} is invalid. The sandbox supports: ${knownTypes.join(', ')}.` : 'Missing required param: type.', {
      param: 'type',
      code: type ? 'parameter_invalid_string' : 'parameter_missing',
    });
  }
  const billing = billingDetails(obj(params, 'billing_details'));
  const base = {
    id: newId('pm'),
    object: 'payment_method' as const,
    allow_redisplay: (params.allow_redisplay as string | undefined) ?? 'unspecified',
    billing_details: billing,
    created: env.clock.nowSeconds(),
    customer: null,
    livemode: scope.livemode,
    metadata: applyMetadata({}, params.metadata),
  };
  if (type === 'klarna') {
    allowOnly(params, ['type', 'billing_details', 'metadata', 'allow_redisplay', 'klarna']);
    // Klarna needs the buyer's email and billing country (Stripe's Klarna guide).
    if (!billing.email) throw parameterMissing('payment_method_data[billing_details][email]');
    if (!billing.address.country) throw parameterMissing('payment_method_data[billing_details][address][country]');
    const pm: PaymentMethod = { ...base, type: 'klarna', klarna: { dob: null } };
    scope.data.paymentMethods.set(pm.id, pm);
    scope.data.cardOutcomes.set(pm.id, { kind: 'redirect' });
    return pm;
  }
  allowOnly(params, ['type', 'billing_details', 'metadata', 'allow_redisplay', 'sepa_debit']);
  const iban = String(obj(params, 'sepa_debit')?.iban ?? '')
    .replace(/\s/g, '')
    .toUpperCase();
  if (!iban) throw parameterMissing('payment_method_data[sepa_debit][iban]');
  if (!ibanValid(iban)) throw invalidRequest('The IBAN you entered is invalid.', { code: 'invalid_bank_account_iban', param: 'payment_method_data[sepa_debit][iban]' });
  // The account holder's name and email are needed for the mandate (Stripe's SEPA Direct Debit guide).
  if (!billing.name) throw parameterMissing('payment_method_data[billing_details][name]');
  if (!billing.email) throw parameterMissing('payment_method_data[billing_details][email]');
  const pm: PaymentMethod = {
    ...base,
    type: 'sepa_debit',
    sepa_debit: {
      bank_code: iban.slice(4, 9),
      branch_code: '',
      country: iban.slice(0, 2),
      fingerprint: createHmac('sha256', fingerprintSalt).update(iban).digest('base64url').slice(0, 16),
      generated_from: { charge: null, setup_attempt: null },
      last4: iban.slice(-4),
    },
  };
  scope.data.paymentMethods.set(pm.id, pm);
  scope.data.cardOutcomes.set(pm.id, { kind: 'debit', ...(testIbans[iban] ?? { fails: false, afterMs: 0 }) });
  return pm;
}

/** `payment_method_details` of a charge made with a payment method that is not a card. */
export function localPaymentDetails(pm: PaymentMethod): Record<string, unknown> {
  if (pm.type === 'sepa_debit') {
    const { bank_code, branch_code, country, fingerprint, last4 } = pm.sepa_debit as Record<string, unknown>;
    return { sepa_debit: { bank_code, branch_code, country, fingerprint, last4, mandate: newId('mandate') }, type: 'sepa_debit' };
  }
  return { [pm.type]: { payment_method_category: 'pay_later', preferred_locale: null }, type: pm.type };
}

/**
 * Settles the SEPA debits whose bank answer is due, as Stripe does: the charge and the PaymentIntent
 * go from `pending`/`processing` to `succeeded` (`charge.succeeded`, `payment_intent.succeeded`), or
 * the charge fails and the PaymentIntent returns to `requires_payment_method` with the reason
 * (`charge.failed`, `payment_intent.payment_failed`). Run when the sandbox clock advances and every
 * 30 s of real time.
 */
export function runPendingDebits(env: StripeEnv, nowMs: number): void {
  for (const data of env.store.all()) {
    for (const [piId, due] of data.pendingDebits) {
      if (due.at > nowMs) continue;
      data.pendingDebits.delete(piId);
      const pi = data.paymentIntents.get(piId);
      const charge = pi?.latest_charge ? data.charges.get(pi.latest_charge) : undefined;
      if (!pi || pi.status !== 'processing' || !charge) continue;
      const scope = backgroundScope(data);
      if (due.fails) {
        charge.status = 'failed';
        charge.failure_code = 'insufficient_funds';
        charge.failure_message = "The customer's account has insufficient funds to cover this payment.";
        const pm = pi.payment_method ? data.paymentMethods.get(pi.payment_method) : undefined;
        pi.status = 'requires_payment_method';
        pi.payment_method = null;
        pi.last_payment_error = {
          charge: charge.id,
          code: 'insufficient_funds',
          message: charge.failure_message,
          payment_method: pm ? structuredClone(pm) : null,
          type: 'card_error',
        };
        env.emit(scope, 'charge.failed', charge);
        env.emit(scope, 'payment_intent.payment_failed', pi);
      } else {
        charge.status = 'succeeded';
        charge.paid = true;
        recordChargeBalance(env, scope, charge);
        pi.status = 'succeeded';
        pi.amount_received = pi.amount;
        env.emit(scope, 'charge.succeeded', charge);
        env.emit(scope, 'payment_intent.succeeded', pi);
      }
      env.onPaymentIntentSettled(scope, pi);
    }
  }
}
