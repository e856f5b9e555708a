import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { newId } from '../platform/tenancy/ids.js';
import { contacts, transactions } from '../platform/db/schema.js';
import { withTenant } from '../platform/db/tenant.js';
import { AppError } from '../platform/http/errors.js';
import type { AppContext } from '../platform/http/types.js';
import type { BuyerLanguage, PaymentProvider } from '../platform/db/schema.js';
import { providerErrorToAppError, providerNames } from '../providers/payment-provider.js';
import { paymentProvider } from '../providers/payment-providers.js';
import { loadCustomers, rememberCustomer, type CheckoutContact } from '../payments/provider-customers.js';
import { loadTransactionItems } from '../payments/transaction-items.js';
import { accountLimitRefusal, checkoutLimitsOf, reserveNewPayment } from '../payments/checkout-throttle.js';
import { unavailableReason, usableProviders } from './form-config.js';
import { insertPendingPayment } from './insert-pending-payment.js';
import { loadPublicForm, originAllowed } from './load-public-form.js';
import { priceOrder, type OrderItemInput } from './price-order.js';
import type { Static } from '@sinclair/typebox';
import type { CreatedPaymentSchema } from './schemas.js';

export interface CreatePaymentInput {
  accountId: string;
  formId: string;
  idempotencyKey: string;
  provider: PaymentProvider;
  contact: { email: string; firstName?: string; lastName?: string; phone?: string };
  items: OrderItemInput[];
  hubspotFields?: Record<string, string>;
  allowRedirects?: boolean;
  language?: BuyerLanguage;
  ip: string;
  origin?: string;
}

export interface CreatedPayment {
  created: boolean;
  payment: Static<typeof CreatedPaymentSchema>;
}

/** The form does not offer the provider, or it is not connected (any more): refused before anything is stored. */
const notOffered = (provider: PaymentProvider) => new AppError('provider_unavailable', `This form does not take payments with ${providerNames[provider]}.`);

/** The request's identity: the same idempotency key must always carry the same order. */
function requestHash(input: CreatePaymentInput): string {
  const { formId, provider, contact, items, hubspotFields, allowRedirects } = input;
  const canonical = {
    // Only when set, so requests made before the field existed keep their hash.
    ...(allowRedirects ? { allowRedirects: true } : {}),
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
 * transaction are stored under (account, idempotencyKey) BEFORE the provider is called; then the
 * provider's payment (connection.startPayment: keyed by the transaction id, our claim on it). A
 * repeated or concurrent request with the same key lands on the same transaction and, through the
 * provider's idempotency, the same provider payment. A crash between the provider's answer and the
 * write that links it is repaired by the next identical request, the webhook, or reconciliation.
 */
export async function createPayment(ctx: AppContext, input: CreatePaymentInput): Promise<CreatedPayment> {
  const email = input.contact.email.trim().toLowerCase();
  const hash = requestHash(input);
  const limits = checkoutLimitsOf(ctx.config);

  const stored = await withTenant(ctx.database, input.accountId, async (tx) => {
    const loaded = await loadPublicForm(tx, input.accountId, input.formId);
    const { form, scope } = loaded;
    const row = loaded.connections[input.provider];
    const connection = row && usableProviders(loaded).includes(input.provider) ? paymentProvider(input.provider)!.open(ctx, row) : null;
    const [existing] = await tx
      .select()
      .from(transactions)
      .where(and(eq(transactions.accountId, input.accountId), eq(transactions.idempotencyKey, input.idempotencyKey)));
    if (existing) return { loaded, connection, transaction: existing, created: false };

    if (!originAllowed(form, input.origin)) throw new AppError('forbidden', 'This payment form cannot be used on this website.');
    const reason = unavailableReason(loaded, input.origin);
    if (reason) throw new AppError('provider_unavailable', reason);
    if (!connection) throw notOffered(input.provider);
    const order = priceOrder(loaded, input.items);
    await reserveNewPayment(tx, limits, { ip: input.ip, accountId: input.accountId });

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
      language: input.language ?? 'en',
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
      return { loaded, connection, transaction: winner!, created: false };
    }
    const { amount, currency, description, formId, requestHash } = values;
    const transaction = { id: transactionId, accountId: scope.accountId, contactId: contact.id, status: 'pending' as const, providerPaymentId: null, amount, currency, description, formId, requestHash };
    return { loaded, connection, transaction, contact, items: values.items, created: true };
  }).catch((err: unknown) => {
    throw accountLimitRefusal(err, limits) ?? err;
  });

  const { connection, transaction, created } = stored;
  if (transaction.requestHash !== hash) {
    throw new AppError('conflict', 'This idempotencyKey was already used for a different payment. Use a new key for a new checkout attempt.');
  }

  if (!connection) throw notOffered(input.provider);
  try {
    let started;
    if (transaction.providerPaymentId) {
      started = await connection.resumePayment(transaction.providerPaymentId);
    } else {
      // A new payment has its contact and items at hand; a retry of one the provider never got reads them.
      const { contact, items } =
        stored.contact && stored.items
          ? { contact: stored.contact, items: stored.items }
          : await withTenant(ctx.database, input.accountId, async (tx) => {
              const { scope } = stored.loaded;
              const [row] = await tx.select().from(contacts).where(and(eq(contacts.accountId, input.accountId), eq(contacts.id, transaction.contactId)));
              const customerId = (await loadCustomers(tx, scope, [row!.id])).get(row!.id)?.[input.provider] ?? null;
              const contact: CheckoutContact = { ...row!, mode: scope.mode, customerId };
              return { contact, items: (await loadTransactionItems(tx, scope, [transaction.id])).get(transaction.id) ?? [] };
            });
      started = await connection.startPayment(
        {
          transactionId: transaction.id,
          accountId: transaction.accountId,
          formId: transaction.formId,
          amount: transaction.amount,
          currency: transaction.currency,
          description: transaction.description,
          items: items.map((item) => ({ name: item.productName, quantity: item.quantity, unitAmount: item.unitAmount, amount: item.amount })),
          allowRedirects: input.allowRedirects ?? false,
          buyer: { contactId: contact.id, email: contact.email, firstName: contact.firstName, lastName: contact.lastName, phone: contact.phone, customerId: contact.customerId },
        },
        { rememberCustomer: (customerId, replacing) => rememberCustomer(ctx.database, contact, input.provider, customerId, replacing) },
      );
      // One statement rather than a tenant transaction (four round trips) on this hot path: it only
      // links the provider's payment to the row created above, found by account and id.
      await ctx.database.query(
        'UPDATE transactions SET provider_payment_id = $1, updated_at = now() WHERE account_id = $2 AND id = $3 AND provider_payment_id IS NULL',
        [started.id, transaction.accountId, transaction.id],
      );
    }
    return {
      created,
      payment: {
        object: 'payment',
        id: transaction.id,
        status: transaction.status,
        amount: transaction.amount,
        currency: transaction.currency,
        provider: input.provider,
        [input.provider]: started.browser,
      } as CreatedPayment['payment'],
    };
  } catch (err) {
    throw providerErrorToAppError(err, 'creating the payment');
  }
}
