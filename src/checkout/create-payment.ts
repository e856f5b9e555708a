import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { newId } from '../platform/tenancy/ids.js';
import { contacts, transactions } from '../platform/db/schema.js';
import { withTenant } from '../platform/db/tenant.js';
import { AppError } from '../platform/http/errors.js';
import type { AppContext } from '../platform/http/types.js';
import { openStripeConnection } from '../providers/stripe/load-stripe-connection.js';
import { isStripeMissingCustomer, stripeErrorToAppError } from '../providers/stripe/stripe-errors.js';
import { ensureStripeCustomer, replaceStripeCustomer } from '../payments/stripe-customer.js';
import { checkoutLimitsOf, reserveNewPayment } from '../payments/checkout-throttle.js';
import { unavailableReason } from './form-config.js';
import { insertPendingPayment } from './insert-pending-payment.js';
import { loadPublicForm, originAllowed } from './load-public-form.js';
import { priceOrder, type OrderItemInput } from './price-order.js';
import type { Static } from '@sinclair/typebox';
import type { CreatedPaymentSchema } from './schemas.js';

export interface CreatePaymentInput {
  accountId: string;
  formId: string;
  idempotencyKey: string;
  provider: 'stripe';
  contact: { email: string; firstName?: string; lastName?: string; phone?: string };
  items: OrderItemInput[];
  hubspotFields?: Record<string, string>;
  ip: string;
  origin?: string;
}

export interface CreatedPayment {
  created: boolean;
  payment: Static<typeof CreatedPaymentSchema>;
}

/** The request's identity: the same idempotency key must always carry the same order. */
function requestHash(input: CreatePaymentInput): string {
  const { formId, provider, contact, items, hubspotFields } = input;
  const canonical = {
    formId,
    provider,
    contact: { email: contact.email.toLowerCase(), firstName: contact.firstName ?? '', lastName: contact.lastName ?? '', phone: contact.phone ?? '' },
    items: items.map((i) => [i.priceId, i.quantity ?? 1, i.amount ?? null]),
    hubspotFields: Object.entries(hubspotFields ?? {}).sort(([a], [b]) => a.localeCompare(b)),
  };
  return crypto.createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

/**
 * POST /payments of the public API (docs/public-api.md). In one tenant transaction: a replay of a
 * known key is answered as it is; otherwise the order is priced from the catalog, the card-testing
 * limits decide and count (atomically, new payments only), and the contact and a `pending`
 * transaction are stored under (account, idempotencyKey) BEFORE Stripe is called; then the Stripe customer and the PaymentIntent, created with an
 * idempotency key derived from the transaction id and our ids in its metadata. A repeated or
 * concurrent request with the same key lands on the same transaction and, through Stripe's
 * idempotency, the same PaymentIntent. A crash between the Stripe call and the write that links
 * the PaymentIntent is repaired by the next identical request, the webhook, or reconciliation.
 */
export async function createPayment(ctx: AppContext, input: CreatePaymentInput): Promise<CreatedPayment> {
  const email = input.contact.email.trim().toLowerCase();
  const hash = requestHash(input);

  const stored = await withTenant(ctx.database, input.accountId, async (tx) => {
    const loaded = await loadPublicForm(tx, input.accountId, input.formId);
    const { form, scope } = loaded;
    const stripe = loaded.stripeConnection && openStripeConnection(ctx, loaded.stripeConnection);
    const [existing] = await tx
      .select()
      .from(transactions)
      .where(and(eq(transactions.accountId, input.accountId), eq(transactions.idempotencyKey, input.idempotencyKey)));
    if (existing) return { loaded, stripe, transaction: existing, created: false };

    if (!originAllowed(form, input.origin)) throw new AppError('forbidden', 'This payment form cannot be used on this website.');
    const reason = unavailableReason(loaded, input.origin);
    if (reason) throw new AppError('provider_unavailable', reason);
    const order = priceOrder(loaded, input.items);
    await reserveNewPayment(tx, checkoutLimitsOf(ctx.config), { ip: input.ip, accountId: input.accountId, mode: scope.mode });

    const values = {
      transactionId: newId('pay'),
      contactId: newId('ct'),
      formId: form.id,
      idempotencyKey: input.idempotencyKey,
      requestHash: hash,
      provider: input.provider,
      amount: order.amount,
      currency: form.currency,
      description: order.description,
      hubspotFields: input.hubspotFields ?? {},
      clientIp: input.ip,
      contact: {
        email,
        firstName: input.contact.firstName?.trim() ?? '',
        lastName: input.contact.lastName?.trim() ?? '',
        phone: input.contact.phone?.trim() ?? '',
      },
      items: order.items,
    };
    const { contact, transactionId } = await insertPendingPayment(tx, scope, values);
    if (!transactionId) {
      // A concurrent request with the same key won the insert: use its transaction.
      const [winner] = await tx
        .select()
        .from(transactions)
        .where(and(eq(transactions.accountId, input.accountId), eq(transactions.idempotencyKey, input.idempotencyKey)));
      return { loaded, stripe, transaction: winner!, created: false };
    }
    const { amount, currency, description, formId, requestHash } = values;
    const transaction = { id: transactionId, accountId: scope.accountId, contactId: contact.id, status: 'pending' as const, providerPaymentId: null, amount, currency, description, formId, requestHash };
    return { loaded, stripe, transaction, contact, created: true };
  });

  const { stripe, transaction, created } = stored;
  if (transaction.requestHash !== hash) {
    throw new AppError('conflict', 'This idempotencyKey was already used for a different payment. Use a new key for a new checkout attempt.');
  }

  if (!stripe) throw new AppError('provider_unavailable', 'This merchant cannot take card payments yet.');
  try {
    let clientSecret: string;
    if (transaction.providerPaymentId) {
      const pi = await stripe.client.paymentIntents.retrieve(transaction.providerPaymentId);
      clientSecret = pi.client_secret!;
    } else {
      const contact =
        stored.contact ??
        (await withTenant(ctx.database, input.accountId, async (tx) => {
          const [row] = await tx.select().from(contacts).where(and(eq(contacts.accountId, input.accountId), eq(contacts.id, transaction.contactId)));
          return row!;
        }));
      const createIntent = (customer: string, idempotencyKey: string) =>
        stripe.client.paymentIntents.create(
          {
            amount: transaction.amount,
            currency: transaction.currency,
            customer,
            description: transaction.description,
            automatic_payment_methods: { enabled: true },
            metadata: { onepagepay_transaction_id: transaction.id, onepagepay_account_id: transaction.accountId, onepagepay_form_id: transaction.formId },
          },
          { idempotencyKey },
        );
      const customer = await ensureStripeCustomer(ctx.database, stripe.client, contact);
      let pi: Awaited<ReturnType<typeof createIntent>>;
      try {
        pi = await createIntent(customer, `onepagepay-payment-${transaction.id}`);
      } catch (err) {
        if (!isStripeMissingCustomer(err)) throw err;
        // A returning buyer whose customer lives in the Stripe account the merchant connected before.
        const replacement = await replaceStripeCustomer(ctx.database, stripe.client, { ...contact, stripeCustomerId: customer });
        pi = await createIntent(replacement, `onepagepay-payment-${transaction.id}-${replacement}`);
      }
      // One statement rather than a tenant transaction (four round trips) on this hot path: it only
      // links the PaymentIntent to the row created above, found by account and id.
      await ctx.database.query(
        'UPDATE transactions SET provider_payment_id = $1, updated_at = now() WHERE account_id = $2 AND id = $3 AND provider_payment_id IS NULL',
        [pi.id, transaction.accountId, transaction.id],
      );
      clientSecret = pi.client_secret!;
    }
    return {
      created,
      payment: {
        object: 'payment',
        id: transaction.id,
        status: transaction.status,
        amount: transaction.amount,
        currency: transaction.currency,
        provider: 'stripe',
        stripe: { clientSecret, publishableKey: stripe.publishableKey },
      },
    };
  } catch (err) {
    throw stripeErrorToAppError(err, 'creating the payment');
  }
}
