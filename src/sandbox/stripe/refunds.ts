import type { FastifyInstance } from 'fastify';
import { scopeOf } from './auth.js';
import type { Scope, StripeEnv } from './env.js';
import { invalidRequest, resourceMissing } from './errors.js';
import { render, renderList } from './expand.js';
import { newId } from './ids.js';
import { chargeObjectsPage } from './list.js';
import type { Charge, Refund } from './objects.js';
import { allowOnly, applyMetadata, expandList, int, readParams, str, type Params } from './params.js';
import { findCharge } from './charges.js';
import { refundFailsAfterMs } from './refund-failures.js';
import { recordRefundBalance } from './balance-transactions.js';

const reasons = ['duplicate', 'fraudulent', 'requested_by_customer'];

function chargeToRefund(scope: Scope, params: Params): Charge {
  const chargeId = str(params, 'charge');
  const piId = str(params, 'payment_intent');
  if (chargeId && piId) throw invalidRequest('You may only specify one of these parameters: charge, payment_intent.', { param: 'charge' });
  if (chargeId) return findCharge(scope, chargeId);
  if (!piId) throw invalidRequest('One of the following params should be provided for this request: payment_intent or charge.', { code: 'parameter_missing' });
  const pi = scope.data.paymentIntents.get(piId);
  if (!pi) throw resourceMissing('payment_intent', piId, 'payment_intent');
  const charge = pi.latest_charge ? scope.data.charges.get(pi.latest_charge) : undefined;
  if (!charge || charge.status !== 'succeeded' || pi.status !== 'succeeded') {
    throw invalidRequest(`This PaymentIntent (${pi.id}) does not have a successful charge to refund.`, { param: 'payment_intent' });
  }
  return charge;
}

/**
 * Refunds, full or partial. Card refunds succeed at once, as in Stripe test mode, except those of
 * the "refund fails" card, which fail a minute of sandbox time later (refund-failures.ts).
 */
export function registerRefundRoutes(app: FastifyInstance, env: StripeEnv) {
  app.post('/v1/refunds', async (req) => {
    const scope = scopeOf(req);
    const params = readParams(req);
    allowOnly(params, ['charge', 'payment_intent', 'amount', 'reason', 'metadata', 'expand', 'instructions_email', 'origin', 'refund_application_fee', 'reverse_transfer', 'customer', 'currency']);
    const charge = chargeToRefund(scope, params);
    if (charge.status !== 'succeeded' || !charge.captured) throw invalidRequest(`Charge ${charge.id} has not been captured or did not succeed and cannot be refunded.`, { param: 'charge' });
    const remaining = charge.amount_captured - charge.amount_refunded;
    if (remaining <= 0) throw invalidRequest(`Charge ${charge.id} has already been refunded.`, { code: 'charge_already_refunded', param: 'charge' });
    const amount = int(params, 'amount', { min: 1 }) ?? remaining;
    if (amount > remaining) {
      throw invalidRequest(`Refund amount (${amount}) is greater than unrefunded amount on charge (${remaining})`, { code: 'amount_too_large', param: 'amount' });
    }
    const reason = str(params, 'reason') ?? null;
    if (reason && !reasons.includes(reason)) throw invalidRequest(`Invalid reason: must be one of ${reasons.join(', ')}`, { param: 'reason' });
    const refund: Refund = {
      id: newId('re'),
      object: 'refund',
      amount,
      balance_transaction: null,
      charge: charge.id,
      created: env.clock.nowSeconds(),
      currency: charge.currency,
      destination_details: { card: { reference_status: 'pending', reference_type: 'acquirer_reference_number', type: 'refund' }, type: 'card' },
      livemode: scope.livemode,
      metadata: applyMetadata({}, params.metadata),
      payment_intent: charge.payment_intent,
      reason,
      receipt_number: null,
      source_transfer_reversal: null,
      status: 'succeeded',
      transfer_reversal: null,
    };
    refund.balance_transaction = recordRefundBalance(env, scope, refund);
    scope.data.refunds.set(refund.id, refund);
    const outcome = charge.payment_method ? scope.data.cardOutcomes.get(charge.payment_method) : undefined;
    if (outcome?.kind === 'succeed' && outcome.refundFailsLater) scope.data.refundFailures.set(refund.id, env.clock.nowMs() + refundFailsAfterMs);
    const previous = { amount_refunded: charge.amount_refunded, refunded: charge.refunded };
    charge.amount_refunded += amount;
    charge.refunded = charge.amount_refunded >= charge.amount_captured;
    env.emit(scope, 'refund.created', refund);
    env.emit(scope, 'charge.refunded', charge, previous);
    return render(scope, refund, expandList(params));
  });

  app.get('/v1/refunds', async (req) => {
    const scope = scopeOf(req);
    const params = readParams(req);
    return renderList(scope, chargeObjectsPage(scope.data.refunds.values(), params, '/v1/refunds'), expandList(params));
  });

  const find = (scope: Scope, id: string) => {
    const refund = scope.data.refunds.get(id);
    if (!refund) throw resourceMissing('refund', id, 'refund');
    return refund;
  };

  app.get<{ Params: { id: string } }>('/v1/refunds/:id', async (req) => {
    const scope = scopeOf(req);
    return render(scope, find(scope, req.params.id), expandList(readParams(req)));
  });

  app.post<{ Params: { id: string } }>('/v1/refunds/:id', async (req) => {
    const scope = scopeOf(req);
    const refund = find(scope, req.params.id);
    const params = readParams(req);
    allowOnly(params, ['metadata', 'expand']);
    const previous = { metadata: refund.metadata };
    refund.metadata = applyMetadata(refund.metadata, params.metadata);
    env.emit(scope, 'refund.updated', refund, previous);
    return render(scope, refund, expandList(params));
  });
}
