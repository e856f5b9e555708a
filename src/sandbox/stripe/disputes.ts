import type { FastifyInstance } from 'fastify';
import { scopeOf } from './auth.js';
import type { Scope, StripeEnv } from './env.js';
import { invalidRequest, resourceMissing } from './errors.js';
import { render, renderList } from './expand.js';
import { newId } from './ids.js';
import { chargeObjectsPage } from './list.js';
import type { Charge, Dispute } from './objects.js';
import { allowOnly, applyMetadata, expandList, readParams, str } from './params.js';

/** Days the merchant has to answer a dispute with evidence (Stripe's `evidence_details.due_by`). */
const evidenceDays = 7;

/**
 * The chargeback of the "dispute" card (4000 0000 0000 0259, `pm_card_createDispute`): right after
 * its charge succeeds, a `fraudulent` dispute for the whole amount, `needs_response`, the charge
 * marked `disputed`, and `charge.dispute.created` sent — as Stripe does in test mode.
 */
export function openDispute(env: StripeEnv, scope: Scope, charge: Charge): Dispute {
  const dispute: Dispute = {
    id: newId('dp'),
    object: 'dispute',
    amount: charge.amount,
    charge: charge.id,
    payment_intent: charge.payment_intent,
    created: env.clock.nowSeconds(),
    currency: charge.currency,
    livemode: scope.livemode,
    reason: 'fraudulent',
    status: 'needs_response',
    is_charge_refundable: false,
    evidence: { uncategorized_text: null },
    evidence_details: { due_by: env.clock.nowSeconds() + evidenceDays * 86_400, has_evidence: false, past_due: false, submission_count: 0 },
    balance_transactions: [],
    metadata: {},
  };
  scope.data.disputes.set(dispute.id, dispute);
  charge.disputed = true;
  env.emit(scope, 'charge.dispute.created', dispute);
  return dispute;
}

const open = (dispute: Dispute) => dispute.status === 'needs_response' || dispute.status === 'warning_needs_response' || dispute.status === 'under_review';

/** Moves a dispute on, sending `charge.dispute.updated` and, when it ends, `charge.dispute.closed`. */
function settle(env: StripeEnv, scope: Scope, dispute: Dispute, status: Dispute['status']) {
  const previous = { status: dispute.status };
  dispute.status = status;
  env.emit(scope, 'charge.dispute.updated', dispute, previous);
  if (status === 'won' || status === 'lost') env.emit(scope, 'charge.dispute.closed', dispute, previous);
}

/**
 * Disputes: list (by charge or PaymentIntent), retrieve, update (evidence; `submit=true` sends it)
 * and close (accept the loss). Stripe's test evidence decides the outcome: `uncategorized_text`
 * `winning_evidence` → won, `losing_evidence` → lost (https://docs.stripe.com/testing#disputes).
 */
export function registerDisputeRoutes(app: FastifyInstance, env: StripeEnv) {
  const find = (scope: Scope, id: string) => {
    const dispute = scope.data.disputes.get(id);
    if (!dispute) throw resourceMissing('dispute', id, 'dispute');
    return dispute;
  };

  app.get('/v1/disputes', async (req) => {
    const scope = scopeOf(req);
    const params = readParams(req);
    return renderList(scope, chargeObjectsPage(scope.data.disputes.values(), params, '/v1/disputes'), expandList(params));
  });

  app.get<{ Params: { id: string } }>('/v1/disputes/:id', async (req) => {
    const scope = scopeOf(req);
    return render(scope, find(scope, req.params.id), expandList(readParams(req)));
  });

  app.post<{ Params: { id: string } }>('/v1/disputes/:id', async (req) => {
    const scope = scopeOf(req);
    const dispute = find(scope, req.params.id);
    const params = readParams(req);
    allowOnly(params, ['evidence', 'metadata', 'submit', 'expand']);
    if (!open(dispute)) throw invalidRequest(`This dispute is already closed (${dispute.status}) and cannot be updated.`);
    if (params.evidence !== undefined && (typeof params.evidence !== 'object' || params.evidence === null || Array.isArray(params.evidence))) {
      throw invalidRequest('Invalid evidence: must be a hash of evidence fields.', { param: 'evidence' });
    }
    const evidence = (params.evidence ?? {}) as Record<string, unknown>;
    for (const [field, value] of Object.entries(evidence)) dispute.evidence[field] = value === '' ? null : String(value);
    dispute.metadata = applyMetadata(dispute.metadata, params.metadata);
    const submit = str(params, 'submit') !== 'false';
    if (Object.keys(evidence).length > 0) dispute.evidence_details.has_evidence = true;
    if (submit && dispute.evidence_details.has_evidence) {
      dispute.evidence_details.submission_count += 1;
      const text = dispute.evidence.uncategorized_text;
      settle(env, scope, dispute, text === 'winning_evidence' ? 'won' : text === 'losing_evidence' ? 'lost' : 'under_review');
    }
    return render(scope, dispute, expandList(params));
  });

  app.post<{ Params: { id: string } }>('/v1/disputes/:id/close', async (req) => {
    const scope = scopeOf(req);
    const dispute = find(scope, req.params.id);
    if (!open(dispute)) throw invalidRequest(`This dispute is already closed (${dispute.status}).`);
    settle(env, scope, dispute, 'lost');
    return render(scope, dispute, expandList(readParams(req)));
  });
}
