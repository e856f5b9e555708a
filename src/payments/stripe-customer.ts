import { and, eq, isNull } from 'drizzle-orm';
import type Stripe from 'stripe';
import { contacts } from '../platform/db/schema.js';
import { withTenant } from '../platform/db/tenant.js';
import type { Database } from '../platform/db/connect.js';

export interface ContactForStripe {
  id: string;
  accountId: string;
  email: string;
  firstName: string;
  lastName: string;
  phone: string;
  stripeCustomerId: string | null;
}

/**
 * The Stripe customer of a contact (one per account, mode and email): the stored id, else a
 * customer Stripe already has with that email, else a new one. Creation is keyed by the contact id,
 * so concurrent first payments by one buyer make one customer. The id is stored on the contact.
 */
export async function ensureStripeCustomer(database: Database, client: Stripe, contact: ContactForStripe): Promise<string> {
  if (contact.stripeCustomerId) return contact.stripeCustomerId;
  const [existing] = (await client.customers.list({ email: contact.email, limit: 1 })).data;
  const name = [contact.firstName, contact.lastName].filter(Boolean).join(' ');
  const customer =
    existing ??
    (await client.customers.create(
      { email: contact.email, ...(name ? { name } : {}), ...(contact.phone ? { phone: contact.phone } : {}), metadata: { onepagepay_contact_id: contact.id } },
      { idempotencyKey: `onepagepay-customer-${contact.id}` },
    ));
  await withTenant(database, contact.accountId, (tx) =>
    tx
      .update(contacts)
      .set({ stripeCustomerId: customer.id, updatedAt: new Date() })
      .where(and(eq(contacts.accountId, contact.accountId), eq(contacts.id, contact.id), isNull(contacts.stripeCustomerId))),
  );
  return customer.id;
}
