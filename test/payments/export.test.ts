import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvCell, csvLine } from '../../src/payments/csv.js';
import { exportContactsCsv } from '../../src/payments/export-contacts-csv.js';
import { exportTransactionsCsv } from '../../src/payments/export-transactions-csv.js';
import { parseTransactionFilters } from '../../src/payments/transaction-filters.js';
import { drivers } from '../helpers/databases.js';
import { startPaymentsWorld, type PaymentsWorld } from './payments-world.js';
import { seedManyTransactions, seedTransactions } from './seed-transactions.js';

/** RFC 4180 records (quoted cells may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') cells.push(cell), (cell = '');
    else if (c === '\r' && text[i + 1] === '\n') {
      cells.push(cell), records.push(cells), (cells = []), (cell = ''), i++;
    } else cell += c;
  }
  if (cell || cells.length) throw new Error('the CSV does not end with CRLF');
  return records;
}

describe('CSV cells', () => {
  it('quotes what needs quoting and defuses formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell(null)).toBe('');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=SUM(A1:A9)')).toBe("'=SUM(A1:A9)");
    expect(csvCell('+33 1 23')).toBe("'+33 1 23");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@cmd')).toBe("'@cmd");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csvCell('12.34')).toBe('12.34');
    expect(csvLine(['a', 1, null])).toBe('a,1,\r\n');
  });
});

describe.each(drivers)('CSV export (%s)', (driver) => {
  let p: PaymentsWorld;
  const bulk = 5_000;
  let special: string[];
  beforeAll(async () => {
    p = await startPaymentsWorld(driver);
    await seedManyTransactions(p, bulk);
    special = await seedTransactions(p, [
      { createdAt: '2025-02-01T00:00:00Z', amount: 1234, amountRefunded: 234, description: '=HYPERLINK("http://evil.example","click"), "quoted"\nsecond line', email: 'formula@example.com', firstName: '@admin' },
      { createdAt: '2025-02-02T00:00:00Z', amount: 500, currency: 'jpy', status: 'failed', email: 'yen@example.com', firstName: '-1+2' },
      { createdAt: '2025-02-03T00:00:00Z', amount: 1500, currency: 'bhd', email: 'dinar@example.com', firstName: 'Zoë, Ørsted' },
    ]);
  }, 180_000);
  afterAll(() => p?.close());

  const exportCsv = (query = '') => p.merchant.client.request('GET', `/api/v1/transactions/export.csv${query}`);

  it('exports every filtered transaction with a header row, exact decimal amounts and safe cells', async () => {
    const res = await exportCsv();
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="transactions-test-\d{4}-\d{2}-\d{2}\.csv"$/);
    const [header, ...rows] = parseCsv(res.body);
    expect(header).toEqual([
      'id', 'created_at', 'succeeded_at', 'status', 'mode', 'currency', 'amount', 'amount_refunded', 'net', 'description', 'product_ids',
      'email', 'first_name', 'last_name', 'contact_id', 'form_id', 'provider', 'stripe_payment_intent_id', 'stripe_charge_id', 'failure_code', 'failure_message',
      'paypal_order_id', 'paypal_capture_id', 'dispute_status',
    ]);
    expect(rows).toHaveLength(bulk + 3);
    expect(rows.every((r) => r.length === header!.length)).toBe(true);
    expect(new Set(rows.map((r) => r[0])).size).toBe(bulk + 3);
    const col = (row: string[], name: string) => row[header!.indexOf(name)];

    const [bhd, jpy, usd] = rows;
    expect([col(bhd!, 'id'), col(jpy!, 'id'), col(usd!, 'id')]).toEqual([special[2], special[1], special[0]]);
    expect([col(bhd!, 'currency'), col(bhd!, 'amount'), col(bhd!, 'first_name')]).toEqual(['BHD', '1.500', 'Zoë, Ørsted']);
    expect([col(jpy!, 'currency'), col(jpy!, 'amount'), col(jpy!, 'status'), col(jpy!, 'first_name')]).toEqual(['JPY', '500', 'failed', "'-1+2"]);
    expect([col(usd!, 'amount'), col(usd!, 'amount_refunded'), col(usd!, 'net'), col(usd!, 'first_name')]).toEqual(['12.34', '2.34', '10.00', "'@admin"]);
    expect(col(usd!, 'description')).toBe(`'=HYPERLINK("http://evil.example","click"), "quoted"\nsecond line`);
    expect(col(usd!, 'created_at')).toBe('2025-02-01T00:00:00.000Z');

    const oldest = rows.at(-1)!;
    expect([col(oldest, 'amount'), col(oldest, 'product_ids'), col(oldest, 'description')]).toEqual(['60.00', 'prod_bulk', `Bulk order ${bulk}`]); // 1000 + 5000 cents
    // Newest first, like the list.
    const created = rows.map((r) => col(r, 'created_at')!);
    expect([...created].sort().reverse()).toEqual(created);
  });

  it('applies the same filters as the list', async () => {
    const rows = parseCsv((await exportCsv('?status=failed,succeeded&currency=jpy')).body);
    expect(rows.slice(1).map((r) => r[0])).toEqual([special[1]]);
    const list = (await p.merchant.client.request('GET', '/api/v1/transactions?from=2024-12-31T23:00:00Z&to=2025-01-01')).json();
    const exported = parseCsv((await exportCsv('?from=2024-12-31T23:00:00Z&to=2025-01-01')).body);
    expect(exported.length - 1).toBe(list.totals.count);
    expect(list.totals.count).toBe(3600);
    expect((await exportCsv('?from=someday')).statusCode).toBe(400);
  });

  it('reads page by page as the consumer goes (never the whole set at once)', async () => {
    const scope = { accountId: p.merchant.accountId, mode: 'test' as const };
    const chunks = exportTransactionsCsv(p.world.t.ctx, scope, parseTransactionFilters({}), { pageSize: 100 });
    const header = await chunks.next();
    const firstPage = await chunks.next();
    expect(header.value).toMatch(/^id,created_at,/);
    expect(firstPage.value.split('\r\n').filter(Boolean)).toHaveLength(100);
    // Rows that vanish after the first page are not exported: nothing beyond it had been read.
    await p.sql(`DELETE FROM transactions WHERE account_id = $1 AND created_at < '2025-01-01'`, [p.merchant.accountId]);
    let rest = 0;
    for await (const chunk of chunks) rest += chunk.split('\r\n').filter(Boolean).length;
    expect(rest).toBe(0);
  });
});

describe.each(drivers)('contacts CSV export (%s)', (driver) => {
  let p: PaymentsWorld;
  beforeAll(async () => {
    p = await startPaymentsWorld(driver);
    await p.buyer('formula@example.com').buy('pm_card_visa', { contact: { email: 'formula@example.com', firstName: '=HYPERLINK("x")' } });
    await p.buyer('grace@example.com').buy();
    await p.buyer('grace@example.com').buy();
  }, 60_000);
  afterAll(() => p?.close());
  const exportCsv = (query = '') => p.merchant.client.request('GET', `/api/v1/contacts/export.csv${query}`);

  it('exports every buyer with totals, newest first, as a download with safe cells', async () => {
    const res = await exportCsv();
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="contacts-test-\d{4}-\d{2}-\d{2}\.csv"$/);
    const [header, ...rows] = parseCsv(res.body);
    expect(header).toEqual(['id', 'email', 'first_name', 'last_name', 'phone', 'payments_count', 'lifetime_value', 'first_purchase_at', 'last_purchase_at', 'stripe_customer_id', 'hubspot_contact_id', 'created_at']);
    const col = (row: string[], name: string) => row[header!.indexOf(name)];
    const list = (await p.merchant.client.request('GET', '/api/v1/contacts')).json().data as { id: string }[];
    expect(rows.map((r) => r[0])).toEqual(list.map((c) => c.id));
    const grace = rows.find((r) => col(r, 'email') === 'grace@example.com')!;
    expect(col(grace, 'payments_count')).toBe('2');
    expect(col(grace, 'lifetime_value')).toBe('50.00 USD');
    expect(col(grace, 'stripe_customer_id')).toMatch(/^cus_/);
    // A buyer's own text never becomes a formula in a spreadsheet.
    expect(col(rows.find((r) => col(r, 'email') === 'formula@example.com')!, 'first_name')).toBe(`'=HYPERLINK("x")`);
  });

  it('applies the list’s filters, refuses bad ones, and streams page by page', async () => {
    const only = parseCsv((await exportCsv('?email=grace')).body);
    expect(only.slice(1).map((r) => r[1])).toEqual(['grace@example.com']);
    expect((await exportCsv('?hasPurchases=maybe')).statusCode).toBe(400);
    expect((await exportCsv('?limit=5')).statusCode).toBe(400);
    const chunks = exportContactsCsv(p.world.t.ctx, { accountId: p.merchant.accountId, mode: 'test' }, {}, { pageSize: 1 });
    expect((await chunks.next()).value).toMatch(/^id,email,/);
    expect((await chunks.next()).value.split('\r\n').filter(Boolean)).toHaveLength(1);
    let rest = 0;
    for await (const chunk of chunks) rest += chunk.split('\r\n').filter(Boolean).length;
    expect(rest).toBe(1); // two buyers: grace (twice) and formula
  });
});
