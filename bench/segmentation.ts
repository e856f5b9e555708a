/**
 * Segmentation queries over one account's 1,000,000 transactions: the list's filtered totals and
 * the dashboard's revenue series, as the private API runs them (inside the tenant transaction).
 * Run: DATABASE_URL=postgres://… npx tsx bench/segmentation.ts [--rows 1000000] [--runs 30] [--driver pg|pglite]
 *
 * The rows are seeded in bulk (generate_series): a year of transactions, four statuses, two
 * currencies, 2,000 buyers, one line item each over three products. The triggers count them in
 * the hourly totals as they go in; the totals are then compacted, as the every-minute cron does.
 */
import os from 'node:os';
import { compactTransactionTotals } from '../src/payments/compact-transaction-totals.js';
import { revenueSummary } from '../src/payments/revenue-summary.js';
import type { SummaryInterval } from '../src/payments/schemas.js';
import { parseTransactionFilters, type TransactionFilterQuery } from '../src/payments/transaction-filters.js';
import { transactionTotals } from '../src/payments/transaction-totals.js';
import { withTenant } from '../src/platform/db/tenant.js';
import { drivers, type Driver } from '../test/helpers/databases.js';
import { startPaymentsWorld } from '../test/payments/payments-world.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
}

const rows = Number(arg('rows', '1000000'));
const runs = Number(arg('runs', '30'));
const driver = arg('driver', 'pg') as Driver;
if (!drivers.includes(driver)) throw new Error(`driver ${driver} needs DATABASE_URL`);

const p = await startPaymentsWorld(driver);
const { accountId, formId } = p.merchant;
const newest = '2026-11-30T00:00:00Z';
const [{ product_id: shirtProduct }] = await p.sql<{ product_id: string }>(`SELECT product_id FROM prices WHERE id = $1`, [p.merchant.prices.shirt]);

const seedStarted = performance.now();
await p.sql(
  `INSERT INTO contacts (id, account_id, mode, email)
   SELECT 'ct_' || lpad(g::text, 24, '0'), $1, 'test', 'buyer' || g || '@example.com' FROM generate_series(1, 2000) g`,
  [accountId],
);
await p.sql(
  `INSERT INTO transactions (id, account_id, mode, form_id, contact_id, idempotency_key, request_hash, provider, status, amount, amount_refunded, currency, description, created_at)
   SELECT 'pay_' || lpad(g::text, 24, '0'), $1, 'test', $2, 'ct_' || lpad((g % 2000 + 1)::text, 24, '0'), 'seg-' || g, '', 'stripe',
          (ARRAY['succeeded','succeeded','succeeded','succeeded','succeeded','succeeded','succeeded','failed','refunded','partially_refunded'])[g % 10 + 1],
          1000 + g % 9000, CASE WHEN g % 10 = 8 THEN 1000 + g % 9000 WHEN g % 10 = 9 THEN 500 ELSE 0 END,
          CASE WHEN g % 5 = 0 THEN 'eur' ELSE 'usd' END, 'Order ' || g,
          $4::timestamptz - make_interval(secs => (g::bigint * 31536000 / $3)::int)
     FROM generate_series(1, $3::int) g`,
  [accountId, formId, rows, newest],
);
await p.sql(
  `INSERT INTO transaction_items (account_id, mode, transaction_id, position, price_id, product_id, product_name, quantity, unit_amount, amount)
   SELECT $1, 'test', 'pay_' || lpad(g::text, 24, '0'), 0,
          CASE WHEN g % 3 = 0 THEN $3 ELSE 'price_other' || (g % 3) END, CASE WHEN g % 3 = 0 THEN $4 ELSE 'prod_other' || (g % 3) END,
          'Item', 1, 1000 + g % 9000, 1000 + g % 9000
     FROM generate_series(1, $2::int) g`,
  [accountId, rows, p.merchant.prices.shirt, shirtProduct],
);
console.error(`seeded ${rows} transactions in ${Math.round(performance.now() - seedStarted)} ms`);
// What the every-minute cron does, and autovacuum after a bulk load.
const compactStarted = performance.now();
const folded = await compactTransactionTotals(p.world.t.ctx.database);
console.error(`compacted ${folded} hourly totals rows in ${Math.round(performance.now() - compactStarted)} ms`);
for (const table of ['transactions', 'transaction_items', 'contacts', 'transaction_totals']) await p.sql(`VACUUM ANALYZE ${table}`);

const database = p.world.t.ctx.database;
const scope = { accountId, mode: 'test' as const };
const to = newest.slice(0, 10);
const queries: { name: string; run: () => Promise<unknown> }[] = [];
const totals = (name: string, query: TransactionFilterQuery) =>
  queries.push({ name: `totals: ${name}`, run: () => withTenant(database, accountId, (tx) => transactionTotals(tx, scope, parseTransactionFilters(query))) });
const series = (name: string, interval: SummaryInterval, query: TransactionFilterQuery) =>
  queries.push({ name: `revenue by ${interval}: ${name}`, run: () => withTenant(database, accountId, (tx) => revenueSummary(tx, scope, parseTransactionFilters(query), interval)) });

totals('everything', {});
totals('last 30 days', { from: '2026-10-31', to });
totals('succeeded', { status: ['succeeded'] });
totals('one product', { productId: shirtProduct });
totals('one buyer (email)', { email: 'buyer1234@example.com' });
totals('eur, 50 to 80', { currency: 'eur', minAmount: 5000, maxAmount: 8000 });
series('12 months', 'month', { from: '2025-12-01', to });
series('30 days', 'day', { from: '2026-10-31', to });
series('12 weeks, one product', 'week', { from: '2026-09-07', to, productId: shirtProduct });

const percentile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
const results = [];
for (const query of queries) {
  await query.run(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await query.run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  results.push({ query: query.name, p50: Math.round(percentile(times, 0.5)), p95: Math.round(percentile(times, 0.95)), max: Math.round(times.at(-1)!) });
}
await p.close();

console.log(JSON.stringify({ driver, rows, runs, cpus: os.cpus().length, node: process.version, date: new Date().toISOString() }));
console.table(results);
