import { audit } from '../accounts/audit.js';
import { newId } from '../platform/tenancy/ids.js';
import type { Scope } from '../platform/tenancy/scope.js';
import { refunds } from '../platform/db/schema.js';
import { withTenant } from '../platform/db/tenant.js';
import { AppError } from '../platform/http/errors.js';
import type { AppContext } from '../platform/http/types.js';
import { loadPaymentConnection } from '../providers/payment-providers.js';
import { providerNames } from '../providers/payment-provider.js';
import { refundableAmount } from './refundable.js';
import { submitRefund } from './submit-refund.js';
import { recordRefund } from './upsert-refunds.js';
import { loadRefunds, loadTransaction } from './transaction-detail.js';

export const refundReasons = ['requested_by_customer', 'duplicate', 'fraudulent'] as const;
export type RefundReason = (typeof refundReasons)[number];

export interface CreateRefundInput {
  transactionId: string;
  /** Minor units; default: all that is left. */
  amount?: number;
  reason?: RefundReason;
  userId: string;
  ip?: string;
}

/**
 * A full or partial refund asked for by a member. Under the transaction's row lock: the payment
 * must have gone through, and the amount must fit in what is left after every refund succeeded or
 * in progress — so two concurrent requests cannot refund more than was paid. Our `pending` refund
 * row (and the audit entry) is committed before the provider is called; then the provider (the
 * one the payment went through), then convergence.
 */
export async function createRefund(ctx: AppContext, scope: Scope, input: CreateRefundInput) {
  const { provider } = await withTenant(ctx.database, scope.accountId, (tx) => loadTransaction(tx, scope, input.transactionId));
  const connection = await loadPaymentConnection(ctx, scope.accountId, scope.mode, provider);
  if (!connection) throw new AppError('conflict', `${providerNames[provider]} is not connected in ${scope.mode} mode: connect it again to refund.`);

  const { refund, paymentId } = await withTenant(ctx.database, scope.accountId, async (tx) => {
    const transaction = await loadTransaction(tx, scope, input.transactionId, { forUpdate: true });
    if (!transaction.providerPaymentId) {
      throw new AppError('conflict', `This payment never reached ${providerNames[transaction.provider]}: there is nothing to refund.`);
    }
    if (transaction.status !== 'succeeded' && transaction.status !== 'partially_refunded') {
      const what = transaction.status === 'refunded' ? 'is already fully refunded' : `did not go through (it is ${transaction.status})`;
      throw new AppError('conflict', `This payment ${what}: there is nothing to refund.`);
    }
    const refundable = refundableAmount(transaction, await loadRefunds(tx, scope, transaction.id));
    if (refundable === 0) throw new AppError('conflict', 'Refunds already made or in progress take the whole amount: there is nothing left to refund.');
    const amount = input.amount ?? refundable;
    if (amount > refundable) {
      throw new AppError('unprocessable', `The refund (${amount}) is more than what is left to refund (${refundable}).`, { refundable });
    }
    const [row] = await tx
      .insert(refunds)
      .values({
        id: newId('rf'),
        accountId: scope.accountId,
        mode: scope.mode,
        transactionId: transaction.id,
        amount,
        currency: transaction.currency,
        status: 'pending',
        reason: input.reason ?? null,
        createdBy: input.userId,
      })
      .returning();
    await recordRefund(tx, row!);
    await audit(tx, {
      accountId: scope.accountId,
      userId: input.userId,
      action: 'refund.created',
      target: transaction.id,
      metadata: { refundId: row!.id, amount, currency: transaction.currency, reason: input.reason ?? null, mode: scope.mode },
      ip: input.ip,
    });
    return { refund: row!, paymentId: transaction.providerPaymentId };
  });

  return { refund: await submitRefund(ctx, scope, connection, refund, paymentId), provider };
}
