import { and, eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { Scope } from '../platform/tenancy/scope.js';
import { transactions } from '../platform/db/schema.js';
import { withTenant } from '../platform/db/tenant.js';
import type { AppContext } from '../platform/http/types.js';
import type { StripeConnection } from '../providers/stripe/load-stripe-connection.js';
import { refreshFromStripe } from './refresh-from-stripe.js';

/** The PaymentIntent an event is about (the events the webhook endpoint subscribes to). */
export function paymentIntentOf(event: Stripe.Event): string | null {
  const object = event.data.object as { object?: string; id?: string; payment_intent?: string | { id: string } | null };
  const ref = object.object === 'payment_intent' ? object.id : object.payment_intent;
  if (!ref) return null;
  return typeof ref === 'string' ? ref : ref.id;
}

/**
 * Applies a verified event: the payment it concerns is re-read from Stripe and converged, so the
 * stored end state does not depend on the order or the number of deliveries. A PaymentIntent we
 * did not create (no transaction, no metadata of ours in this account and mode) is ignored.
 */
export async function handleStripeEvent(ctx: AppContext, scope: Scope, connection: StripeConnection, event: Stripe.Event) {
  const paymentIntentId = paymentIntentOf(event);
  if (!paymentIntentId) return;
  const [known] = await withTenant(ctx.database, scope.accountId, (tx) =>
    tx
      .select({ id: transactions.id })
      .from(transactions)
      .where(and(eq(transactions.accountId, scope.accountId), eq(transactions.mode, scope.mode), eq(transactions.providerPaymentId, paymentIntentId))),
  );
  let transactionId = known?.id;
  if (!transactionId) {
    // Created but never linked (a crash between the Stripe call and our write): our id is in its metadata.
    const pi = await connection.client.paymentIntents.retrieve(paymentIntentId);
    const claimed = pi.metadata?.onepagepay_transaction_id;
    if (!claimed || pi.metadata?.onepagepay_account_id !== scope.accountId) return;
    const [ours] = await withTenant(ctx.database, scope.accountId, (tx) =>
      tx
        .select({ id: transactions.id })
        .from(transactions)
        .where(and(eq(transactions.accountId, scope.accountId), eq(transactions.mode, scope.mode), eq(transactions.id, claimed))),
    );
    if (!ours) return;
    transactionId = ours.id;
  }
  await refreshFromStripe(ctx, scope, { transactionId, paymentIntentId }, connection);
}
