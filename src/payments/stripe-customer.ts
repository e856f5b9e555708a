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
  return findOrCreateStripeCustomer(database, client, contact, null);
}

/**
 * The stored customer is unknown to this Stripe account (the merchant reconnected Stripe to another
 * account): the contact gets this account's customer (found by email or created) in its place.
 */
export async function replaceStripeCustomer(database: Database, client: Stripe, contact: ContactForStripe & { stripeCustomerId: string }): Promise<string> {
  return findOrCreateStripeCustomer(database, client, contact, contact.stripeCustomerId);
}

async function findOrCreateStripeCustomer(database: Database, client: Stripe, contact: ContactForStripe, replacing: string | null): Promise<string> {
  const [existing] = (await client.customers.list({ email: contact.email, limit: 1 })).data;
  const name = [contact.firstName, contact.lastName].filter(Boolean).join(' ');
  const customer =
    existing ??
    (await client.customers.create(
      { email: contact.email, ...(name ? { name } : {}), ...(contact.phone ? { phone: contact.phone } : {}), metadata: { onepagepay_contact_id: contact.id } },
      // Keyed by the contact (and the customer it replaces): concurrent first payments make one customer.
      { idempotencyKey: replacing ? `onepagepay-customer-${contact.id}-replacing-${replacing}` : `onepagepay-customer-${contact.id}` },
    ));
  await withTenant(database, contact.accountId, (tx) =>
    tx
      .update(contacts)
      .set({ stripeCustomerId: customer.id, updatedAt: new Date() })
      .where(
        and(
          eq(contacts.accountId, contact.accountId),
          eq(contacts.id, contact.id),
          replacing ? eq(contacts.stripeCustomerId, replacing) : isNull(contacts.stripeCustomerId),
        ),
      ),
  );
  return customer.id;
}
