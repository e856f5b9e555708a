import type { Scope } from '../platform/tenancy/scope.js';
import { checkoutLimitsOf, recordDecline } from './checkout-throttle.js';
import { withTenant } from '../platform/db/tenant.js';
import { AppError } from '../platform/http/errors.js';
import type { AppContext } from '../platform/http/types.js';
import { loadStripeConnection, type StripeConnection } from '../providers/stripe/load-stripe-connection.js';
import { applyStripePayment, type TransactionRow } from './apply-stripe-payment.js';
import { readStripePayment } from './stripe-payment-state.js';

/**
 * Reads a payment from Stripe and converges its transaction (complete, webhooks and reconciliation
 * all come through here). A new decline counts against the buyer's IP; when that IP reaches its
 * decline limit the PaymentIntent is canceled, so the same page cannot go on trying cards.
 */
export async function refreshFromStripe(
  ctx: AppContext,
  scope: Scope,
  target: { transactionId: string; paymentIntentId: string },
  connection?: StripeConnection,
): Promise<TransactionRow> {
  const stripe = connection ?? (await loadStripeConnection(ctx, scope.accountId, scope.mode));
  if (!stripe) throw new AppError('provider_unavailable', 'Stripe is not connected for this account.');
  const state = await readStripePayment(stripe.client, target.paymentIntentId);
  const { transaction, newDecline } = await withTenant(ctx.database, scope.accountId, (tx) => applyStripePayment(tx, scope, target.transactionId, state));
  if (!newDecline || !transaction.clientIp) return transaction;

  const blocked = await recordDecline(ctx.database, checkoutLimitsOf(ctx.config), transaction.clientIp);
  if (!blocked || state.paymentIntent.status !== 'requires_payment_method') return transaction;
  await stripe.client.paymentIntents.cancel(target.paymentIntentId, { cancellation_reason: 'fraudulent' });
  const canceled = await readStripePayment(stripe.client, target.paymentIntentId);
  return (await withTenant(ctx.database, scope.accountId, (tx) => applyStripePayment(tx, scope, target.transactionId, canceled))).transaction;
}
