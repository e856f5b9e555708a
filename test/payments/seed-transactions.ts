import crypto from 'node:crypto';
import { newId } from '../../src/platform/tenancy/ids.js';
import type { PaymentsWorld } from './payments-world.js';

export interface SeedRow {
  createdAt: string;
  status?: string;
  amount: number;
  amountRefunded?: number;
  currency?: string;
  email?: string;
  firstName?: string;
  description?: string;
}

/**
 * Transactions written straight into the database (as the owner), for reports over many rows or
 * fixed dates; each has a contact (one per email) and no line items.
 */
export async function seedTransactions(p: PaymentsWorld, rows: SeedRow[]): Promise<string[]> {
  const ids: string[] = [];
  for (const row of rows) {
    const email = row.email ?? `seed-${crypto.randomBytes(6).toString('hex')}@example.com`;
    const [contact] = await p.sql<{ id: string }>(
      `INSERT INTO contacts (id, account_id, mode, email, first_name) VALUES ($1, $2, 'test', $3, $4)
       ON CONFLICT (account_id, mode, email) DO UPDATE SET email = excluded.email RETURNING id`,
      [newId('ct'), p.merchant.accountId, email, row.firstName ?? ''],
    );
    const id = newId('pay');
    await p.sql(
      `INSERT INTO transactions (id, account_id, mode, form_id, contact_id, idempotency_key, request_hash, provider, status, amount, amount_refunded, currency, description, created_at, updated_at)
       VALUES ($1, $2, 'test', $3, $4, $1, '', 'stripe', $5, $6, $7, $8, $9, $10, $10)`,
      [id, p.merchant.accountId, p.merchant.formId, contact!.id, row.status ?? 'succeeded', row.amount, row.amountRefunded ?? 0, row.currency ?? 'usd', row.description ?? 'T-shirt', row.createdAt],
    );
    ids.push(id);
  }
  return ids;
}

/** `count` succeeded USD transactions with one line item each, one per second back from `newest`, by 40 buyers (a few statements in all). */
export async function seedManyTransactions(p: PaymentsWorld, count: number, newest = '2025-01-01T00:00:00Z') {
  const tag = crypto.randomBytes(4).toString('hex');
  await p.sql(
    `INSERT INTO contacts (id, account_id, mode, email)
     SELECT 'ct_' || $2 || lpad(g::text, 16, '0'), $1, 'test', 'bulk-' || $2 || '-' || g || '@example.com' FROM generate_series(1, 40) g`,
    [p.merchant.accountId, tag],
  );
  await p.sql(
    `INSERT INTO transactions (id, account_id, mode, form_id, contact_id, idempotency_key, request_hash, provider, status, amount, currency, description, created_at)
     SELECT 'pay_' || $3 || lpad(g::text, 16, '0'), $1, 'test', $2, 'ct_' || $3 || lpad((g % 40 + 1)::text, 16, '0'), 'bulk-' || $3 || g, '', 'stripe',
            'succeeded', 1000 + g, 'usd', 'Bulk order ' || g, $5::timestamptz - make_interval(secs => g)
       FROM generate_series(1, $4::int) g`,
    [p.merchant.accountId, p.merchant.formId, tag, count, newest],
  );
  // Fresh statistics, or the foreign-key checks of the items below plan a sequential scan per row.
  await p.sql(`ANALYZE transactions`);
  await p.sql(
    `INSERT INTO transaction_items (account_id, mode, transaction_id, position, price_id, product_id, product_name, quantity, unit_amount, amount)
     SELECT $1, 'test', 'pay_' || $2 || lpad(g::text, 16, '0'), 0, 'price_bulk', 'prod_bulk', 'Bulk', 1, 1000 + g, 1000 + g FROM generate_series(1, $3::int) g`,
    [p.merchant.accountId, tag, count],
  );
}
