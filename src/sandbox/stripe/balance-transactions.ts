import type { FastifyInstance } from 'fastify';
import { scopeOf } from './auth.js';
import type { Scope, StripeEnv } from './env.js';
import { invalidRequest, resourceMissing } from './errors.js';
import { render, renderList } from './expand.js';
import { newId } from './ids.js';
import { createdFilter, listPage } from './list.js';
import type { BalanceTransaction, Charge, Refund } from './objects.js';
import { allowOnly, expandList, readParams, str } from './params.js';
import { zeroDecimal } from './zero-decimal.js';

/**
 * Stripe's fees as the stand-in charges them: its standard US pricing (stripe.com/pricing) — cards
 * 2.9% + 30¢, SEPA Direct Debit 0.8% capped at 6.00, Klarna 5.99% + 30¢. The fixed part is 30 of the
 * currency's minor units (none for zero-decimal currencies), and the account settles in the charge's
 * currency (no conversion). Real fees depend on the account's country, the card and any negotiated
 * pricing: the product only ever reads them from the balance transaction.
 */
const pricing: Record<string, { percent: number; fixed: number; cap?: number }> = {
  card: { percent: 2.9, fixed: 30 },
  sepa_debit: { percent: 0.8, fixed: 0, cap: 600 },
  klarna: { percent: 5.99, fixed: 30 },
};

/** Funds become available two days after the charge (Stripe's standard US payout schedule). */
const availableAfterSeconds = 2 * 86_400;

export function stripeFee(amount: number, currency: string, methodType: string): number {
  const price = pricing[methodType] ?? pricing.card!;
  const fee = Math.round((amount * price.percent) / 100) + (zeroDecimal.has(currency) ? 0 : price.fixed);
  return Math.min(fee, price.cap ?? Infinity, amount);
}

function record(env: StripeEnv, scope: Scope, fields: Pick<BalanceTransaction, 'amount' | 'currency' | 'fee' | 'source' | 'type' | 'reporting_category' | 'description'>): string {
  const created = env.clock.nowSeconds();
  const txn: BalanceTransaction = {
    id: newId('txn'),
    object: 'balance_transaction',
    created,
    livemode: scope.livemode,
    available_on: created + availableAfterSeconds,
    exchange_rate: null,
    fee_details: fields.fee ? [{ amount: fields.fee, application: null, currency: fields.currency, description: 'Stripe processing fees', type: 'stripe_fee' }] : [],
    net: fields.amount - fields.fee,
    status: 'pending',
    ...fields,
  };
  scope.data.balanceTransactions.set(txn.id, txn);
  return txn.id;
}

/** The balance transaction of money captured in a charge (its fee taken), set on the charge. */
export function recordChargeBalance(env: StripeEnv, scope: Scope, charge: Charge): void {
  const methodType = (charge.payment_method_details as { type?: string } | null | undefined)?.type ?? 'card';
  charge.balance_transaction = record(env, scope, {
    amount: charge.amount_captured,
    currency: charge.currency,
    fee: stripeFee(charge.amount_captured, charge.currency, methodType),
    source: charge.id,
    type: methodType === 'card' ? 'charge' : 'payment',
    reporting_category: 'charge',
    description: (charge.description as string | null) ?? null,
  });
}

/** The balance transaction of a refund: the money leaves the balance; Stripe keeps its fee on the charge. */
export function recordRefundBalance(env: StripeEnv, scope: Scope, refund: Refund): string {
  return record(env, scope, { amount: -refund.amount, currency: refund.currency, fee: 0, source: refund.id, type: 'refund', reporting_category: 'refund', description: 'REFUND FOR CHARGE' });
}

/** The balance transaction of a refund that failed: the money comes back to the balance. */
export function recordRefundFailureBalance(env: StripeEnv, scope: Scope, refund: Refund): string {
  return record(env, scope, { amount: refund.amount, currency: refund.currency, fee: 0, source: refund.id, type: 'refund_failure', reporting_category: 'refund_failure', description: 'REFUND FAILURE' });
}

/** Pending funds become available once their `available_on` has passed. */
export function settleBalances(env: StripeEnv, nowMs: number): void {
  for (const data of env.store.all()) {
    for (const txn of data.balanceTransactions.values()) if (txn.status === 'pending' && txn.available_on * 1000 <= nowMs) txn.status = 'available';
  }
}

/** `GET /v1/balance_transactions/:id` and the list (filters `type`, `source`, `currency`, `created`). */
export function registerBalanceTransactionRoutes(app: FastifyInstance): void {
  app.get<{ Params: { id: string } }>('/v1/balance_transactions/:id', async (req) => {
    const scope = scopeOf(req);
    const txn = scope.data.balanceTransactions.get(req.params.id);
    if (!txn) throw resourceMissing('balance transaction', req.params.id, 'id');
    return render(scope, txn, expandList(readParams(req)));
  });

  app.get('/v1/balance_transactions', async (req) => {
    const scope = scopeOf(req);
    const params = readParams(req);
    allowOnly(params, ['type', 'source', 'currency', 'payout', 'created', 'limit', 'starting_after', 'ending_before', 'expand']);
    if (params.payout !== undefined) throw invalidRequest('The sandbox makes no payouts: list without `payout`.', { param: 'payout' });
    const [type, source, currency] = [str(params, 'type'), str(params, 'source'), str(params, 'currency')];
    const inCreated = createdFilter(params);
    const items = [...scope.data.balanceTransactions.values()].filter(
      (t) => (!type || t.type === type) && (!source || t.source === source) && (!currency || t.currency === currency) && inCreated(t.created),
    );
    return renderList(scope, listPage(items, params, '/v1/balance_transactions'), expandList(params));
  });
}
