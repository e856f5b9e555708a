import { sql } from 'drizzle-orm';
import { newId } from '../../src/platform/tenancy/ids.js';
import type { SyncJobData } from '../../src/sync/sync-job.js';
import { withTenant } from '../../src/platform/db/tenant.js';
import { queues } from '../../src/platform/jobs/queues.js';
import type { Merchant } from '../helpers/checkout.js';
import type { SyncWorld } from './sync-world.js';

/**
 * `count` succeeded card payments written straight into the database, as apply-stripe-payment leaves
 * them (transaction with its items, the buyer's totals recomputed, a `hubspot-sync` job each): a
 * burst of a thousand payments in a second instead of a thousand trips through Stripe. Payment i is
 * by `emailOf(i)` and buys `1 + i % 3` T-shirts. The end-to-end path is covered by the happy test.
 */
export async function createPaidTransactions(world: SyncWorld, merchant: Merchant, count: number, emailOf: (i: number) => string): Promise<string[]> {
  const db = world.t.ctx.database;
  const { rows: [price] } = await db.query<{ product_id: string; unit_amount: number }>(`SELECT product_id, unit_amount FROM prices WHERE id = $1`, [merchant.prices.shirt]);
  const payments = Array.from({ length: count }, (_, i) => ({
    id: newId('pay'),
    email: emailOf(i).toLowerCase(),
    quantity: 1 + (i % 3),
    key: `bulk-${newId('pay')}`,
  }));
  const emails = [...new Set(payments.map((p) => p.email))].map((email) => ({ id: newId('ct'), email }));
  await withTenant(db, merchant.accountId, async (tx) => {
    await tx.execute(sql`
      INSERT INTO contacts (id, account_id, mode, email, first_name, last_name)
      SELECT r.id, ${merchant.accountId}, 'test', r.email, 'Buyer', initcap(split_part(r.email, '@', 1))
        FROM json_to_recordset(${JSON.stringify(emails)}::json) AS r(id text, email text)
      ON CONFLICT (account_id, mode, email) DO NOTHING`);
    await tx.execute(sql`
      INSERT INTO transactions (id, account_id, mode, form_id, contact_id, idempotency_key, request_hash, provider, status, amount, currency, description, succeeded_at)
      SELECT r.id, ${merchant.accountId}, 'test', ${merchant.formId}, c.id, r.key, 'bulk', 'stripe', 'succeeded', r.quantity * ${price!.unit_amount}, 'usd',
             r.quantity || ' × T-shirt', now()
        FROM json_to_recordset(${JSON.stringify(payments)}::json) AS r(id text, email text, quantity int, key text)
        JOIN contacts c ON c.account_id = ${merchant.accountId} AND c.mode = 'test' AND c.email = r.email`);
    await tx.execute(sql`
      INSERT INTO transaction_items (account_id, mode, transaction_id, position, price_id, product_id, product_name, quantity, unit_amount, amount)
      SELECT ${merchant.accountId}, 'test', r.id, 0, ${merchant.prices.shirt}, ${price!.product_id}, 'T-shirt', r.quantity, ${price!.unit_amount}, r.quantity * ${price!.unit_amount}
        FROM json_to_recordset(${JSON.stringify(payments)}::json) AS r(id text, quantity int)`);
    // refreshContactTotals, for every buyer at once.
    await tx.execute(sql`
      UPDATE contacts c SET payments_count = p.n, lifetime_value = jsonb_build_object('usd', p.net), first_purchase_at = p.first, last_purchase_at = p.last, updated_at = now()
        FROM (SELECT contact_id, count(*)::int AS n, sum(amount - amount_refunded)::bigint AS net, min(succeeded_at) AS first, max(succeeded_at) AS last
                FROM transactions WHERE account_id = ${merchant.accountId} AND status IN ('succeeded', 'partially_refunded', 'refunded') GROUP BY contact_id) p
       WHERE c.account_id = ${merchant.accountId} AND c.id = p.contact_id`);
  });
  const data = (id: string): SyncJobData => ({ accountId: merchant.accountId, mode: 'test', transactionId: id, status: 'succeeded', amountRefunded: 0 });
  await world.boss.insert(payments.map((p) => ({ name: queues.hubspotSync.name, data: data(p.id) })));
  return payments.map((p) => p.id);
}
