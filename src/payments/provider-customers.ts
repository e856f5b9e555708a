import { and, eq, inArray, sql } from 'drizzle-orm';
import { providerCustomers, type PaymentProvider } from '../platform/db/schema.js';
import { withTenant, type Tx } from '../platform/db/tenant.js';
import type { Database } from '../platform/db/connect.js';
import type { Scope } from '../platform/tenancy/scope.js';

/** The buyer as a checkout hands them to a provider. */
export interface CheckoutContact {
  id: string;
  accountId: string;
  mode: Scope['mode'];
  email: string;
  firstName: string;
  lastName: string;
  phone: string;
  /** The buyer's customer at the checkout's provider from an earlier payment (Stripe keeps customers; PayPal none). */
  customerId: string | null;
}

/**
 * Stores the customer a provider made or found for a contact, in place of `replacing` (the one the
 * provider no longer knows: the merchant connected another account) or where there was none: a
 * concurrent checkout that stored another first keeps its own.
 */
export async function rememberCustomer(database: Database, contact: CheckoutContact, provider: PaymentProvider, customerId: string, replacing: string | null) {
  await withTenant(database, contact.accountId, (tx) =>
    tx
      .insert(providerCustomers)
      .values({ accountId: contact.accountId, mode: contact.mode, contactId: contact.id, provider, customerId })
      .onConflictDoUpdate({
        target: [providerCustomers.accountId, providerCustomers.contactId, providerCustomers.provider],
        set: { customerId, updatedAt: new Date() },
        setWhere: replacing ? eq(providerCustomers.customerId, replacing) : sql`false`,
      }),
  );
}

/** Keeps a customer found at the provider for a contact that has none there yet (a recovered transaction). */
export async function keepCustomer(tx: Tx, scope: Scope, contactId: string, provider: PaymentProvider, customerId: string) {
  await tx.insert(providerCustomers).values({ accountId: scope.accountId, mode: scope.mode, contactId, provider, customerId }).onConflictDoNothing();
}

/** Each contact's customers by provider, for the contacts the API shows. */
export async function loadCustomers(tx: Tx, scope: Scope, contactIds: string[]): Promise<Map<string, Partial<Record<PaymentProvider, string>>>> {
  const customers = new Map<string, Partial<Record<PaymentProvider, string>>>();
  if (contactIds.length === 0) return customers;
  const rows = await tx
    .select()
    .from(providerCustomers)
    .where(and(eq(providerCustomers.accountId, scope.accountId), eq(providerCustomers.mode, scope.mode), inArray(providerCustomers.contactId, contactIds)));
  for (const row of rows) customers.set(row.contactId, { ...customers.get(row.contactId), [row.provider]: row.customerId });
  return customers;
}
