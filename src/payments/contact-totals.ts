import { sql } from 'drizzle-orm';
import type { Tx } from '../platform/db/tenant.js';

/**
 * Recomputes a contact's totals from its transactions: payments that succeeded (refunded ones
 * included in the count), net lifetime value per currency, first and last purchase. Recomputed
 * rather than incremented, so replays and out-of-order updates cannot skew it.
 */
export async function refreshContactTotals(tx: Tx, accountId: string, contactId: string) {
  await tx.execute(sql`
    WITH paid AS (
      SELECT currency, amount - amount_refunded AS net, succeeded_at FROM transactions
       WHERE account_id = ${accountId} AND contact_id = ${contactId} AND status IN ('succeeded', 'partially_refunded', 'refunded')
    ), per_currency AS (SELECT currency, sum(net)::bigint AS net FROM paid GROUP BY currency)
    UPDATE contacts SET
      payments_count = (SELECT count(*) FROM paid),
      lifetime_value = coalesce((SELECT jsonb_object_agg(currency, net) FROM per_currency), '{}'::jsonb),
      first_purchase_at = (SELECT min(succeeded_at) FROM paid),
      last_purchase_at = (SELECT max(succeeded_at) FROM paid),
      updated_at = now()
    WHERE account_id = ${accountId} AND id = ${contactId}`);
}

/**
 * A payment by this contact's email succeeded: what its buyer typed (name, phone) becomes the
 * contact's. Only a paid payment changes a contact, so a stranger who knows a buyer's email
 * cannot rewrite their record (or, through the sync, their HubSpot contact) with a failed attempt.
 */
export async function takeBuyerDetails(
  tx: Tx,
  payment: { accountId: string; contactId: string; buyerFirstName: string; buyerLastName: string; buyerPhone: string },
) {
  await tx.execute(sql`
    UPDATE contacts SET
      first_name = coalesce(nullif(${payment.buyerFirstName}, ''), first_name),
      last_name = coalesce(nullif(${payment.buyerLastName}, ''), last_name),
      phone = coalesce(nullif(${payment.buyerPhone}, ''), phone),
      updated_at = now()
    WHERE account_id = ${payment.accountId} AND id = ${payment.contactId}`);
}
