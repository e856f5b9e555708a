import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compactTransactionTotals } from '../../src/payments/compact-transaction-totals.js';
import { revenueSummary } from '../../src/payments/revenue-summary.js';
import type { SummaryInterval } from '../../src/payments/schemas.js';
import { parseTransactionFilters, type TransactionFilterQuery } from '../../src/payments/transaction-filters.js';
import { transactionTotals } from '../../src/payments/transaction-totals.js';
import { withTenant } from '../../src/platform/db/tenant.js';
import { newId } from '../../src/platform/tenancy/ids.js';
import { drivers } from '../helpers/databases.js';
import { startPaymentsWorld, type PaymentsWorld } from './payments-world.js';

// The hourly totals (migrations/0011_transaction_totals.sql) against the transactions they count:
// every read must give what reading the transactions gives, whichever path answered it.

interface Payment {
  id: string;
  createdAt: Date;
  status: string;
  amount: number;
  amountRefunded: number;
  currency: string;
  provider: string;
  items: { productId: string; priceId: string }[];
}

const paid = ['succeeded', 'partially_refunded', 'refunded'];
const statuses = ['pending', 'processing', 'succeeded', 'failed', 'canceled', 'refunded', 'partially_refunded'];

/** A deterministic generator, so a failure reproduces. */
function generator(seed: number) {
  let state = seed;
  const next = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  return { int: (n: number) => Math.floor(next() * n), pick: <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]! };
}

/** What the transactions say, computed here from the test's own record of them. */
function expectedTotals(payments: Payment[], keep: (p: Payment) => boolean) {
  const byCurrency = new Map<string, { currency: string; count: number; paidCount: number; amount: number; refunded: number; net: number }>();
  for (const p of payments.filter(keep)) {
    const t = byCurrency.get(p.currency) ?? { currency: p.currency, count: 0, paidCount: 0, amount: 0, refunded: 0, net: 0 };
    t.count++;
    if (paid.includes(p.status)) {
      t.paidCount++;
      t.amount += p.amount;
      t.refunded += p.amountRefunded;
      t.net = t.amount - t.refunded;
    }
    byCurrency.set(p.currency, t);
  }
  const currencies = [...byCurrency.values()].sort((a, b) => a.currency.localeCompare(b.currency));
  return { count: currencies.reduce((sum, c) => sum + c.count, 0), currencies };
}

/** Every (key, status, …) of transaction_totals summed, against the same computed from the transactions and their items. */
const mismatchSql = `
  WITH counted AS (
    SELECT account_id, mode, hour, dimension, key, currency, status, provider, form_id, sum(count) AS count, sum(amount) AS amount, sum(amount_refunded) AS refunded
      FROM transaction_totals GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9 HAVING sum(count) <> 0 OR sum(amount) <> 0 OR sum(amount_refunded) <> 0
  ), actual AS (
    SELECT t.account_id, t.mode, date_trunc('hour', t.created_at, 'UTC') AS hour, d.dimension, d.key, t.currency, t.status, t.provider, t.form_id,
           count(*) AS count, sum(t.amount) AS amount, sum(t.amount_refunded) AS refunded
      FROM transactions t
     CROSS JOIN LATERAL (SELECT 'all' AS dimension, '' AS key
                         UNION SELECT 'product', i.product_id FROM transaction_items i WHERE i.transaction_id = t.id
                         UNION SELECT 'price', i.price_id FROM transaction_items i WHERE i.transaction_id = t.id) d
     GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
  )
  SELECT count(*)::int AS mismatches FROM ((TABLE counted EXCEPT TABLE actual) UNION ALL (TABLE actual EXCEPT TABLE counted)) differences`;

describe.each(drivers)('hourly transaction totals (%s)', (driver) => {
  let p: PaymentsWorld;
  const payments: Payment[] = [];
  const random = generator(20261203);

  /** Inserts payments as checkout does: the transaction, then its items. */
  async function insert(batch: Payment[]) {
    const [{ contact_id }] = await p.sql<{ contact_id: string }>(
      `INSERT INTO contacts (id, account_id, mode, email) VALUES ($1, $2, 'test', 'totals@example.com')
       ON CONFLICT (account_id, mode, email) DO UPDATE SET email = excluded.email RETURNING id AS contact_id`,
      [newId('ct'), p.merchant.accountId],
    );
    await p.sql(
      `INSERT INTO transactions (id, account_id, mode, form_id, contact_id, idempotency_key, request_hash, provider, status, amount, amount_refunded, currency, created_at)
       SELECT r.id, $1, 'test', $2, $3, r.id, '', r.provider, r.status, r.amount, r."amountRefunded", r.currency, r."createdAt"
         FROM jsonb_to_recordset($4::jsonb) AS r(id text, provider text, status text, amount int, "amountRefunded" int, currency text, "createdAt" timestamptz)`,
      [p.merchant.accountId, p.merchant.formId, contact_id, JSON.stringify(batch)],
    );
    const items = batch.flatMap((payment) => payment.items.map((item, position) => ({ ...item, position, transactionId: payment.id })));
    await p.sql(
      `INSERT INTO transaction_items (account_id, mode, transaction_id, position, price_id, product_id, product_name, quantity, unit_amount, amount)
       SELECT $1, 'test', r."transactionId", r.position, r."priceId", r."productId", 'Item', 1, 100, 100
         FROM jsonb_to_recordset($2::jsonb) AS r("transactionId" text, position int, "priceId" text, "productId" text)`,
      [p.merchant.accountId, JSON.stringify(items)],
    );
    payments.push(...batch);
  }

  function newPayment(): Payment {
    const amount = 500 + random.int(10_000);
    const status = random.pick(statuses);
    const catalog = [
      { productId: 'prod_a', priceId: 'price_a1' },
      { productId: 'prod_a', priceId: 'price_a2' },
      { productId: 'prod_b', priceId: 'price_b1' },
    ];
    return {
      id: newId('pay'),
      // Four days of May 2024, at any minute and second: most hours are cut by no filter.
      createdAt: new Date(Date.UTC(2024, 4, 1) + random.int(4 * 24 * 3600) * 1000),
      status,
      amount,
      amountRefunded: status === 'refunded' ? amount : status === 'partially_refunded' ? 100 : 0,
      currency: random.pick(['usd', 'usd', 'eur']),
      provider: random.pick(['stripe', 'stripe', 'paypal']),
      items: Array.from({ length: random.int(3) }, () => random.pick(catalog)),
    };
  }

  /** Changes payments the way the app does: a status change, a refund, several rows in one statement. */
  async function change(count: number) {
    const changed = Array.from({ length: count }, () => random.pick(payments));
    for (const payment of new Set(changed)) {
      payment.status = random.pick(['succeeded', 'failed', 'refunded', 'partially_refunded']);
      payment.amountRefunded = payment.status === 'refunded' ? payment.amount : payment.status === 'partially_refunded' ? 50 : 0;
    }
    await p.sql(
      `UPDATE transactions t SET status = r.status, amount_refunded = r."amountRefunded", updated_at = now()
         FROM jsonb_to_recordset($1::jsonb) AS r(id text, status text, "amountRefunded" int) WHERE t.id = r.id`,
      [JSON.stringify([...new Set(changed)].map(({ id, status, amountRefunded }) => ({ id, status, amountRefunded })))],
    );
  }

  const scope = () => ({ accountId: p.merchant.accountId, mode: 'test' as const });
  const totals = (query: TransactionFilterQuery) =>
    withTenant(p.world.t.ctx.database, p.merchant.accountId, (tx) => transactionTotals(tx, scope(), parseTransactionFilters(query)));
  const series = (query: TransactionFilterQuery, interval: SummaryInterval) =>
    withTenant(p.world.t.ctx.database, p.merchant.accountId, (tx) => revenueSummary(tx, scope(), parseTransactionFilters(query), interval));

  beforeAll(async () => {
    p = await startPaymentsWorld(driver);
    await insert(Array.from({ length: 150 }, newPayment));
    // Payments on either side of the cuts the filters below make inside an hour.
    const nearCuts = ['2024-05-01T10:05:00Z', '2024-05-01T10:30:00Z', '2024-05-02T05:05:00Z', '2024-05-02T05:20:00Z', '2024-05-02T05:55:00Z', '2024-05-03T18:20:00Z', '2024-05-03T18:50:00Z'];
    await insert(nearCuts.map((at) => ({ ...newPayment(), createdAt: new Date(at), status: 'succeeded', amountRefunded: 0, items: [{ productId: 'prod_a', priceId: 'price_a2' }] })));
    await change(40);
    expect(await compactTransactionTotals(p.world.t.ctx.database)).toBeGreaterThan(0);
    // After the compaction, more of both: reads sum folded and fresh rows.
    await insert(Array.from({ length: 50 }, newPayment));
    await change(30);
    await p.sql(`UPDATE transactions SET updated_at = now() WHERE account_id = $1`, [p.merchant.accountId]); // counts nothing
  }, 120_000);
  afterAll(() => p?.close());

  it('counts every transaction once per dimension, with its current values', async () => {
    const [{ mismatches }] = await p.sql<{ mismatches: number }>(mismatchSql);
    expect(mismatches).toBe(0);
    const [{ rows }] = await p.sql<{ rows: number }>(`SELECT count(*)::int AS rows FROM transaction_totals WHERE account_id = $1 AND dimension = 'all'`, [p.merchant.accountId]);
    expect(rows).toBeGreaterThan(0);
  });

  const inRange = (from?: string, to?: string) => (x: Payment) => (!from || x.createdAt >= new Date(from)) && (!to || x.createdAt < new Date(to));
  const cases: [string, TransactionFilterQuery, (x: Payment) => boolean][] = [
    ['everything', {}, () => true],
    ['whole days', { from: '2024-05-02', to: '2024-05-03' }, inRange('2024-05-02T00:00:00Z', '2024-05-04T00:00:00Z')],
    ['cut hours at both ends', { from: '2024-05-01T10:17:00Z', to: '2024-05-03T18:42:30Z' }, inRange('2024-05-01T10:17:00Z', '2024-05-03T18:42:30Z')],
    ['within one hour', { from: '2024-05-02T05:10:00Z', to: '2024-05-02T05:50:00Z' }, inRange('2024-05-02T05:10:00Z', '2024-05-02T05:50:00Z')],
    ['statuses', { status: ['succeeded,refunded'] }, (x) => ['succeeded', 'refunded'].includes(x.status)],
    ['a product (bought twice in one payment counts once)', { productId: 'prod_a' }, (x) => x.items.some((i) => i.productId === 'prod_a')],
    ['a price, from a cut hour', { priceId: 'price_a2', from: '2024-05-02T07:30:00+02:00' }, (x) => x.items.some((i) => i.priceId === 'price_a2') && x.createdAt >= new Date('2024-05-02T05:30:00Z')],
    ['a currency and a provider', { currency: 'EUR', provider: 'paypal' }, (x) => x.currency === 'eur' && x.provider === 'paypal'],
    ['the form', { formId: 'FORM' }, () => true],
    ['a product and a price together (read from the transactions)', { productId: 'prod_a', priceId: 'price_b1' }, (x) => x.items.some((i) => i.productId === 'prod_a') && x.items.some((i) => i.priceId === 'price_b1')],
    ['an amount range (read from the transactions)', { minAmount: 2000, maxAmount: 6000 }, (x) => x.amount >= 2000 && x.amount <= 6000],
  ];
  it.each(cases)('totals: %s', async (_name, query, keep) => {
    const withForm = query.formId ? { ...query, formId: p.merchant.formId } : query;
    expect(await totals(withForm)).toEqual(expectedTotals(payments, keep));
  });

  const dayIn = (timeZone: string) => (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
  it.each(['UTC', 'Europe/Paris', 'Asia/Kolkata', 'America/St_Johns'])('revenue by day in %s matches the transactions', async (timeZone) => {
    const s = await series({ from: '2024-05-01', to: '2024-05-04', timezone: timeZone, productId: 'prod_b' }, 'day');
    const day = dayIn(timeZone);
    const [from, to] = [new Date(s.from), new Date(s.to)];
    for (const bucket of s.buckets) {
      const keep = (x: Payment) => x.createdAt >= from && x.createdAt < to && day(x.createdAt) === bucket.start && x.items.some((i) => i.productId === 'prod_b');
      const expected = expectedTotals(payments, keep).currencies;
      expect(bucket.currencies.filter((c) => c.count > 0), `${timeZone} ${bucket.start}`).toEqual(expected);
    }
    expect(s.buckets.reduce((sum, b) => sum + b.currencies.reduce((n, c) => n + c.count, 0), 0)).toBeGreaterThan(0);
  });

  it('answers whole hours from the hourly totals (a row added there shows)', async () => {
    const before = await totals({ from: '2024-05-02', to: '2024-05-03' });
    await p.sql(
      `INSERT INTO transaction_totals (account_id, mode, hour, dimension, key, currency, status, provider, form_id, count, amount, amount_refunded, compacted)
       VALUES ($1, 'test', '2024-05-02T13:00:00Z', 'all', '', 'usd', 'succeeded', 'stripe', $2, 1000, 1, 0, true)`,
      [p.merchant.accountId, p.merchant.formId],
    );
    try {
      const after = await totals({ from: '2024-05-02', to: '2024-05-03' });
      expect(after.count).toBe(before.count + 1000);
      // A buyer's filter reads the transactions themselves.
      expect((await totals({ minAmount: 1 })).count).toBe(payments.length);
    } finally {
      await p.sql(`DELETE FROM transaction_totals WHERE count = 1000 AND account_id = $1`, [p.merchant.accountId]);
    }
  });

  it('compaction leaves one row per key, and none for changes that cancel out', async () => {
    const payment = { ...newPayment(), createdAt: new Date('2024-05-05T08:15:00Z'), status: 'pending', amountRefunded: 0, items: [] };
    await insert([payment]);
    payment.status = 'failed';
    await p.sql(`UPDATE transactions SET status = 'failed' WHERE id = $1`, [payment.id]);
    await compactTransactionTotals(p.world.t.ctx.database);
    const [{ fresh, duplicated }] = await p.sql<{ fresh: number; duplicated: number }>(
      `SELECT count(*) FILTER (WHERE NOT compacted)::int AS fresh,
              (SELECT count(*)::int FROM (SELECT 1 FROM transaction_totals GROUP BY account_id, mode, hour, dimension, key, currency, status, provider, form_id HAVING count(*) > 1) d) AS duplicated
         FROM transaction_totals`,
    );
    expect({ fresh, duplicated }).toEqual({ fresh: 0, duplicated: 0 });
    const pendingRows = await p.sql(`SELECT 1 FROM transaction_totals WHERE hour = '2024-05-05T08:00:00Z' AND status = 'pending'`);
    expect(pendingRows).toEqual([]);
    const [{ mismatches }] = await p.sql<{ mismatches: number }>(mismatchSql);
    expect(mismatches).toBe(0);
  });

  it('the request role reads its own rows and cannot write any', async () => {
    const error = await withTenant(p.world.t.ctx.database, p.merchant.accountId, (tx) =>
      tx.execute(sql`INSERT INTO transaction_totals (account_id, mode, hour, dimension, key, currency, status, provider, form_id, count, amount, amount_refunded)
                     VALUES (${p.merchant.accountId}, 'test', now(), 'all', '', 'usd', 'succeeded', 'stripe', 'f', 1, 1, 0)`),
    ).then(
      () => null,
      (err: Error & { cause?: Error }) => err.cause?.message ?? err.message,
    );
    expect(error).toMatch(/permission denied/);
  });

  it.runIf(driver === 'pg')('concurrent checkouts, status changes and compactions count every payment exactly once', async () => {
    const database = p.world.t.ctx.database;
    let writing = true;
    const compactions = (async () => {
      let runs = 0;
      while (writing) {
        await compactTransactionTotals(database);
        runs++;
      }
      return runs;
    })();
    // 8 buyers at a time, each payment created then changed twice, as checkout and webhooks do.
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let i = 0; i < 15; i++) {
          const payment = { ...newPayment(), id: newId('pay'), createdAt: new Date(), status: 'pending', amountRefunded: 0 };
          await insert([payment]);
          await p.sql(`UPDATE transactions SET status = 'processing' WHERE id = $1`, [payment.id]);
          await p.sql(`UPDATE transactions SET status = 'succeeded' WHERE id = $1`, [payment.id]);
          payment.status = 'succeeded';
        }
      }),
    );
    writing = false;
    expect(await compactions).toBeGreaterThan(1);
    const [{ mismatches }] = await p.sql<{ mismatches: number }>(mismatchSql);
    expect(mismatches).toBe(0);
    await compactTransactionTotals(database);
    expect((await p.sql<{ mismatches: number }>(mismatchSql))[0]!.mismatches).toBe(0);
    expect(await totals({})).toEqual(expectedTotals(payments, () => true));
  }, 120_000);

  it('a key of random bytes in a filter finds nothing', async () => {
    expect(await totals({ productId: crypto.randomBytes(8).toString('hex') })).toEqual({ count: 0, currencies: [] });
  });
});
