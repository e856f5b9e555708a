import { sql } from 'drizzle-orm';
import type { BuyerLanguage, PaymentProvider } from '../platform/db/schema.js';
import type { Scope } from '../platform/tenancy/scope.js';
import type { Tx } from '../platform/db/tenant.js';
import type { CheckoutContact } from '../payments/provider-customers.js';
import type { PricedItem } from './price-order.js';

export interface PendingPaymentValues {
  transactionId: string;
  contactId: string;
  formId: string;
  idempotencyKey: string;
  requestHash: string;
  provider: PaymentProvider;
  amount: number;
  currency: string;
  description: string;
  hubspotFields: Record<string, string>;
  clientIp: string;
  language: BuyerLanguage;
  contact: { email: string; firstName: string; lastName: string; phone: string };
  items: PricedItem[];
}

/**
 * The buyer's contact (found by email, or created with the email alone) with their customer at the
 * payment's provider, the `pending` transaction
 * with what the buyer typed (name, phone: they reach the contact only if this payment succeeds)
 * and its items, in one statement: this runs on every new payment, and each round trip to the
 * database shows in the checkout's latency (bench/README.md). Inside the caller's tenant
 * transaction, so row-level security applies as it does to any other write.
 *
 * `transactionId` is null when a concurrent request with the same (account, idempotencyKey) won
 * the insert; the contact is then still the buyer's.
 */
export async function insertPendingPayment(tx: Tx, scope: Scope, values: PendingPaymentValues): Promise<{ contact: CheckoutContact; transactionId: string | null }> {
  const { contact, items } = values;
  const result = (await tx.execute(sql`
    WITH contact AS (
      INSERT INTO contacts AS c (id, account_id, mode, email)
      VALUES (${values.contactId}, ${scope.accountId}, ${scope.mode}, ${contact.email})
      ON CONFLICT (account_id, mode, email) DO UPDATE SET email = c.email
      RETURNING c.id, c.email, c.first_name, c.last_name, c.phone
    ), payment AS (
      INSERT INTO transactions (id, account_id, mode, form_id, contact_id, idempotency_key, request_hash, provider, amount, currency, description,
                                hubspot_fields, client_ip, buyer_first_name, buyer_last_name, buyer_phone, buyer_language)
      SELECT ${values.transactionId}::text, ${scope.accountId}::text, ${scope.mode}::text, ${values.formId}::text, contact.id, ${values.idempotencyKey}::text,
             ${values.requestHash}::text, ${values.provider}::text, ${values.amount}::int, ${values.currency}::text, ${values.description}::text,
             ${JSON.stringify(values.hubspotFields)}::jsonb, ${values.clientIp}::text, ${contact.firstName}::text, ${contact.lastName}::text, ${contact.phone}::text,
             ${values.language}::text
        FROM contact
      ON CONFLICT (account_id, idempotency_key) DO NOTHING
      RETURNING id
    ), items AS (
      INSERT INTO transaction_items (account_id, mode, transaction_id, position, price_id, product_id, product_name, nickname, quantity, unit_amount, amount)
      SELECT ${scope.accountId}::text, ${scope.mode}::text, payment.id, item.position, item."priceId", item."productId", item."productName", item.nickname,
             item.quantity, item."unitAmount", item.amount
        FROM payment,
             jsonb_to_recordset(${JSON.stringify(items.map((item, position) => ({ ...item, position })))}::jsonb)
               AS item(position int, "priceId" text, "productId" text, "productName" text, nickname text, quantity int, "unitAmount" int, amount int)
    )
    SELECT contact.*, (SELECT id FROM payment) AS transaction_id,
           (SELECT customer_id FROM provider_customers pc WHERE pc.account_id = ${scope.accountId} AND pc.contact_id = contact.id AND pc.provider = ${values.provider}) AS customer_id
      FROM contact`)) as unknown as {
    rows: { id: string; email: string; first_name: string; last_name: string; phone: string; customer_id: string | null; transaction_id: string | null }[];
  };
  const row = result.rows[0]!;
  return {
    contact: {
      id: row.id,
      accountId: scope.accountId,
      mode: scope.mode,
      email: row.email,
      firstName: row.first_name,
      lastName: row.last_name,
      phone: row.phone,
      customerId: row.customer_id,
    },
    transactionId: row.transaction_id,
  };
}
