import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOfDay } from '../../src/payments/time-zones.js';
import { drivers } from '../helpers/databases.js';
import { startPaymentsWorld, type PaymentsWorld } from './payments-world.js';
import { seedTransactions } from './seed-transactions.js';

describe('time zones', () => {
  it('finds when a day starts, across daylight saving changes', () => {
    expect(startOfDay(2024, 4, 2, 'UTC').toISOString()).toBe('2024-05-02T00:00:00.000Z');
    expect(startOfDay(2024, 4, 2, 'Europe/Paris').toISOString()).toBe('2024-05-01T22:00:00.000Z');
    expect(startOfDay(2024, 0, 15, 'Europe/Paris').toISOString()).toBe('2024-01-14T23:00:00.000Z');
    expect(startOfDay(2024, 2, 31, 'Europe/Paris').toISOString()).toBe('2024-03-30T23:00:00.000Z'); // the day clocks go forward
    expect(startOfDay(2024, 2, 10, 'America/New_York').toISOString()).toBe('2024-03-10T05:00:00.000Z');
    expect(startOfDay(2024, 4, 2, 'Asia/Kolkata').toISOString()).toBe('2024-05-01T18:30:00.000Z');
  });
});

describe.each(drivers)('revenue over time (%s)', (driver) => {
  let p: PaymentsWorld;
  beforeAll(async () => {
    p = await startPaymentsWorld(driver);
    await seedTransactions(p, [
      { createdAt: '2024-05-01T10:00:00Z', amount: 1000 },
      { createdAt: '2024-05-01T23:30:00Z', amount: 2000, amountRefunded: 500, status: 'partially_refunded' }, // already May 2 in Paris
      { createdAt: '2024-05-02T09:00:00Z', amount: 4000, status: 'failed' },
      { createdAt: '2024-05-03T12:00:00Z', amount: 700, currency: 'eur' },
      { createdAt: '2024-05-20T12:00:00Z', amount: 300 },
    ]);
  }, 60_000);
  afterAll(() => p?.close());

  const summary = async (query: string) => {
    const res = await p.merchant.client.request('GET', `/api/v1/transactions/summary?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const zero = (currency: string) => ({ currency, count: 0, paidCount: 0, amount: 0, refunded: 0, net: 0 });

  it('gives every day of the range per currency, zeros included', async () => {
    const s = await summary('interval=day&from=2024-05-01&to=2024-05-04');
    expect(s).toMatchObject({ interval: 'day', timezone: 'UTC', from: '2024-05-01T00:00:00.000Z', to: '2024-05-05T00:00:00.000Z', currencies: ['eur', 'usd'] });
    expect(s.buckets).toEqual([
      { start: '2024-05-01', currencies: [zero('eur'), { currency: 'usd', count: 2, paidCount: 2, amount: 3000, refunded: 500, net: 2500 }] },
      { start: '2024-05-02', currencies: [zero('eur'), { currency: 'usd', count: 1, paidCount: 0, amount: 0, refunded: 0, net: 0 }] },
      { start: '2024-05-03', currencies: [{ currency: 'eur', count: 1, paidCount: 1, amount: 700, refunded: 0, net: 700 }, zero('usd')] },
      { start: '2024-05-04', currencies: [zero('eur'), zero('usd')] },
    ]);
  });

  it("cuts days in the request's time zone, bare dates included", async () => {
    const s = await summary('interval=day&from=2024-05-01&to=2024-05-02&timezone=Europe/Paris');
    expect(s).toMatchObject({ timezone: 'Europe/Paris', from: '2024-04-30T22:00:00.000Z', to: '2024-05-02T22:00:00.000Z' });
    expect(s.buckets.map((b: { start: string; currencies: { amount: number; count: number }[] }) => [b.start, b.currencies.map((c) => c.count)])).toEqual([
      ['2024-05-01', [1]],
      ['2024-05-02', [2]],
    ]);
  });

  it('groups by ISO week and by month, and takes the list filters', async () => {
    const weeks = await summary('interval=week&from=2024-04-29&to=2024-05-26&currency=usd');
    expect(weeks.buckets.map((b: { start: string; currencies: { net: number }[] }) => [b.start, b.currencies[0]!.net])).toEqual([
      ['2024-04-29', 2500],
      ['2024-05-06', 0],
      ['2024-05-13', 0],
      ['2024-05-20', 300],
    ]);
    const months = await summary('interval=month&from=2024-04-01&to=2024-05-31&status=succeeded');
    expect(months.buckets.map((b: { start: string; currencies: { amount: number }[] }) => [b.start, b.currencies.map((c) => c.amount)])).toEqual([
      ['2024-04-01', [0, 0]],
      ['2024-05-01', [700, 1300]],
    ]);
  });

  it('refuses bad intervals, time zones and ranges too long to chart', async () => {
    for (const query of ['interval=hour', 'timezone=Mars/Olympus', 'timezone=UTC;drop', 'interval=day&from=2020-01-01&to=2024-01-01', 'from=2024-05-02&to=2024-05-01']) {
      const res = await p.merchant.client.request('GET', `/api/v1/transactions/summary?${query}`);
      expect(res.statusCode, query).toBe(400);
    }
  });

  it('defaults to the last 30 days', async () => {
    const s = await summary('');
    expect(s.buckets.length).toBeGreaterThanOrEqual(30);
    expect(s.buckets.length).toBeLessThanOrEqual(31);
    expect(Date.parse(s.to) - Date.parse(s.from)).toBe(30 * 24 * 3600 * 1000);
  });
});
