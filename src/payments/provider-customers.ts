import { and, eq, isNull } from 'drizzle-orm';
import { contacts, type PaymentProvider } from '../platform/db/schema.js';
import { withTenant } from '../platform/db/tenant.js';
import type { Database } from '../platform/db/connect.js';

/** The buyer as a checkout hands them to a provider. */
export interface CheckoutContact {
  id: string;
  accountId: string;
  email: string;
  firstName: string;
  lastName: string;
  phone: string;
  stripeCustomerId: string | null;
}

/** The buyer's customer at a provider from an earlier payment (only Stripe keeps customers). */
export function customerOf(contact: CheckoutContact, provider: PaymentProvider): string | null {
  return provider === 'stripe' ? contact.stripeCustomerId : null;
}

/**
 * Stores the customer a provider made or found for a contact, in place of `replacing` (the one the
 * provider no longer knows) or where there was none: a concurrent checkout that stored another
 * first keeps its own.
 */
export async function rememberCustomer(database: Database, contact: CheckoutContact, provider: PaymentProvider, customerId: string, replacing: string | null) {
  if (provider !== 'stripe') return;
  await withTenant(database, contact.accountId, (tx) =>
    tx
      .update(contacts)
      .set({ stripeCustomerId: customerId, updatedAt: new Date() })
      .where(
        and(
          eq(contacts.accountId, contact.accountId),
          eq(contacts.id, contact.id),
          replacing ? eq(contacts.stripeCustomerId, replacing) : isNull(contacts.stripeCustomerId),
        ),
      ),
  );
}
