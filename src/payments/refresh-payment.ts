import type { Mode, PaymentProvider } from '../platform/db/schema.js';
import type { Scope } from '../platform/tenancy/scope.js';
import { withTenant } from '../platform/db/tenant.js';
import { AppError } from '../platform/http/errors.js';
import type { AppContext } from '../platform/http/types.js';
import { cancelsPayments, capturesApprovedPayments, providerNames, type PaymentConnection } from '../providers/payment-provider.js';
import { loadPaymentConnection } from '../providers/payment-providers.js';
import { applyProviderPayment, type TransactionRow } from './apply-provider-payment.js';
import { checkoutLimitsOf, recordDecline } from './checkout-throttle.js';

/** The merchant's connection to a payment's provider; a 503 when it is not connected (any more). */
export async function requireConnection(ctx: AppContext, scope: { accountId: string; mode: Mode }, provider: PaymentProvider): Promise<PaymentConnection> {
  const connection = await loadPaymentConnection(ctx, scope.accountId, scope.mode, provider);
  if (!connection) throw new AppError('provider_unavailable', `${providerNames[provider]} is not connected for this account.`);
  return connection;
}

/**
 * Reads a payment from its provider and converges its transaction (complete, webhooks and
 * reconciliation all come through here). A provider that takes the money once the buyer approved
 * (PayPal) captures an approved payment first, whichever of them comes first: a buyer whose page
 * closed right after approving still pays what they approved, and only once. A new decline counts
 * against the buyer's IP; when that IP reaches its decline limit the payment is canceled where the
 * provider can (Stripe), so the same page cannot go on trying cards.
 */
export async function refreshPayment(ctx: AppContext, scope: Scope, target: { transactionId: string; paymentId: string }, connection: PaymentConnection): Promise<TransactionRow> {
  const payment = capturesApprovedPayments(connection) ? await connection.capturePayment(target.paymentId) : await connection.readPayment(target.paymentId);
  const { transaction, newDecline } = await withTenant(ctx.database, scope.accountId, (tx) => applyProviderPayment(tx, scope, target.transactionId, payment));
  if (!newDecline || !transaction.clientIp) return transaction;

  const blocked = await recordDecline(ctx.database, checkoutLimitsOf(ctx.config), transaction.clientIp);
  if (!blocked || !payment.awaitingRetry || !cancelsPayments(connection)) return transaction;
  await connection.cancelPayment(target.paymentId, 'fraudulent');
  const canceled = await connection.readPayment(target.paymentId);
  return (await withTenant(ctx.database, scope.accountId, (tx) => applyProviderPayment(tx, scope, target.transactionId, canceled))).transaction;
}
