import type { FastifyInstance } from 'fastify';
import { scopeOf } from './auth.js';
import type { Scope, StripeEnv } from './env.js';
import { resourceMissing } from './errors.js';
import { render, renderList } from './expand.js';
import { newId, randomToken } from './ids.js';
import { createdFilter, listPage } from './list.js';
import type { Charge, PaymentIntent, PaymentMethod } from './objects.js';
import { allowOnly, applyMetadata, expandList, readParams, str } from './params.js';
import type { CardOutcome } from './test-cards.js';
import { localPaymentDetails } from './local-methods.js';
import { recordChargeBalance } from './balance-transactions.js';

const sellerMessages: Record<string, string> = {
  generic_decline: 'The bank did not return any further details with this decline.',
  insufficient_funds: 'The bank returned the decline code `insufficient_funds`.',
  lost_card: 'The bank returned the decline code `lost_card`.',
  stolen_card: 'The bank returned the decline code `stolen_card`.',
  expired_card: 'The bank returned the decline code `expired_card`.',
  incorrect_cvc: 'The bank returned the decline code `incorrect_cvc`.',
  processing_error: 'The bank returned the decline code `processing_error`.',
};

/**
 * The charge a confirmation makes: succeeded (captured or not), failed with the decline's codes, or
 * `pending` (a debit the bank has yet to answer). Money captured gets its balance transaction.
 */
export function createCharge(
  env: StripeEnv,
  scope: Scope,
  pi: PaymentIntent,
  pm: PaymentMethod,
  outcome: CardOutcome,
  threeDSecure: boolean,
  pending = false,
): Charge {
  const failed = outcome.kind === 'decline';
  const capture = pi.capture_method !== 'manual';
  const declineCode = failed ? (outcome.declineCode ?? outcome.code) : null;
  const charge: Charge = {
    id: newId('ch'),
    object: 'charge',
    amount: pi.amount,
    amount_captured: !failed && capture ? pi.amount : 0,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: null,
    billing_details: pm.billing_details,
    calculated_statement_descriptor: 'ONEPAGEPAY SANDBOX',
    captured: !failed && capture,
    created: env.clock.nowSeconds(),
    currency: pi.currency,
    customer: pi.customer,
    description: pi.description,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: failed ? outcome.code : null,
    failure_message: failed ? outcome.message : null,
    fraud_details: {},
    livemode: scope.livemode,
    metadata: { ...pi.metadata },
    outcome: failed
      ? { network_status: 'declined_by_network', reason: declineCode, risk_level: 'normal', risk_score: 20, seller_message: sellerMessages[declineCode!] ?? 'The bank declined the payment.', type: 'issuer_declined' }
      : { network_status: 'approved_by_network', reason: null, risk_level: 'normal', risk_score: 12, seller_message: 'Payment complete.', type: 'authorized' },
    paid: !failed,
    payment_intent: pi.id,
    payment_method: pm.id,
    payment_method_details: pm.card
      ? {
          card: {
            amount_authorized: failed ? null : pi.amount,
            brand: pm.card.brand,
            checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: 'pass' },
            country: 'US',
            exp_month: pm.card.exp_month,
            exp_year: pm.card.exp_year,
            fingerprint: pm.card.fingerprint,
            funding: pm.card.funding,
            last4: pm.card.last4,
            network: pm.card.brand,
            three_d_secure: threeDSecure ? { authentication_flow: 'challenge', result: 'authenticated', version: '2.2.0' } : null,
            wallet: null,
          },
          type: 'card',
        }
      : localPaymentDetails(pm),
    receipt_email: pi.receipt_email,
    receipt_url: `https://pay.stripe.com/receipts/sandbox/${randomToken(20)}`,
    refunded: false,
    review: null,
    shipping: (pi.shipping as unknown) ?? null,
    statement_descriptor: null,
    status: failed ? 'failed' : pending ? 'pending' : 'succeeded',
  };
  if (pending) charge.paid = false;
  else if (!failed && capture) recordChargeBalance(env, scope, charge);
  scope.data.charges.set(charge.id, charge);
  return charge;
}

export function findCharge(scope: Scope, id: string): Charge {
  const charge = scope.data.charges.get(id);
  if (!charge) throw resourceMissing('charge', id, 'charge');
  return charge;
}

/** `GET /v1/charges`, `GET /v1/charges/:id`, `POST /v1/charges/:id` (metadata, description). */
export function registerChargeRoutes(app: FastifyInstance, env: StripeEnv) {
  app.get('/v1/charges', async (req) => {
    const scope = scopeOf(req);
    const params = readParams(req);
    allowOnly(params, ['customer', 'payment_intent', 'created', 'limit', 'starting_after', 'ending_before', 'expand', 'transfer_group']);
    const customer = str(params, 'customer');
    const pi = str(params, 'payment_intent');
    const inCreated = createdFilter(params);
    const items = [...scope.data.charges.values()].filter(
      (c) => (!customer || c.customer === customer) && (!pi || c.payment_intent === pi) && inCreated(c.created),
    );
    return renderList(scope, listPage(items, params, '/v1/charges'), expandList(params));
  });

  app.get<{ Params: { id: string } }>('/v1/charges/:id', async (req) => {
    const scope = scopeOf(req);
    return render(scope, findCharge(scope, req.params.id), expandList(readParams(req)));
  });

  app.post<{ Params: { id: string } }>('/v1/charges/:id', async (req) => {
    const scope = scopeOf(req);
    const charge = findCharge(scope, req.params.id);
    const params = readParams(req);
    allowOnly(params, ['metadata', 'description', 'receipt_email', 'expand', 'shipping', 'fraud_details', 'transfer_group', 'customer']);
    const previous = { metadata: charge.metadata };
    charge.metadata = applyMetadata(charge.metadata, params.metadata);
    if (params.description !== undefined) charge.description = str(params, 'description') ?? null;
    env.emit(scope, 'charge.updated', charge, previous);
    return render(scope, charge, expandList(params));
  });
}
