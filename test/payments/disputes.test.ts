import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drivers } from '../helpers/databases.js';
import { startPaymentsWorld, type PaymentsWorld } from './payments-world.js';

describe.each(drivers)('disputes (%s)', (driver) => {
  let p: PaymentsWorld;
  beforeAll(async () => {
    p = await startPaymentsWorld(driver);
  }, 60_000);
  afterAll(() => p?.close());

  const detail = async (id: string) => (await p.merchant.client.request('GET', `/api/v1/transactions/${id}`)).json();
  const until = async (id: string, check: (t: { dispute: string | null; status: string }) => boolean) => {
    for (const deadline = Date.now() + 15_000; !check(await detail(id)); await new Promise((r) => setTimeout(r, 100))) {
      if (Date.now() > deadline) throw new Error(`not reached: ${JSON.stringify(await detail(id))}`);
    }
  };
  const listed = async (query: string) => ((await p.merchant.client.request('GET', `/api/v1/transactions?${query}`)).json().data as { id: string }[]).map((t) => t.id);

  it('a chargeback (card 4000 0000 0000 0259) shows on the payment, in the filters, the CSV and the sync; winning it shows won', async () => {
    const { payment, completed } = await p.buyer('chargeback@example.com').buy('pm_card_createDispute');
    expect(completed.status).toBe('succeeded');
    const id = payment.id as string;
    const { payment: calm } = await p.buyer('calm@example.com').buy();

    // Stripe opens the dispute right after the charge and says so with charge.dispute.created.
    await until(id, (t) => t.dispute === 'disputed');
    expect(await detail(id)).toMatchObject({ status: 'succeeded', dispute: 'disputed' });
    expect((await detail(calm.id)).dispute).toBeNull();
    expect(await listed('dispute=disputed')).toEqual([id]);
    expect(await listed('dispute=any')).toEqual([id]);
    expect(await listed('dispute=won')).toEqual([]);
    expect((await p.merchant.client.request('GET', '/api/v1/transactions?dispute=maybe')).statusCode).toBe(400);
    const csv = (await p.merchant.client.request('GET', `/api/v1/transactions/export.csv?email=chargeback`)).body.split('\r\n');
    expect(csv[0]).toMatch(/,dispute_status$/);
    expect(csv[1]).toMatch(/,disputed$/);
    const jobsBefore = (await p.syncJobs(id)).length;
    expect(jobsBefore).toBeGreaterThanOrEqual(1); // paid and disputed: one job, or two if the dispute came after the payment was applied

    // The merchant answers in Stripe with winning evidence: the dispute closes as won.
    const [dispute] = (await p.stripe.disputes.list({ payment_intent: (await detail(id)).stripe.paymentIntentId })).data;
    await p.stripe.disputes.update(dispute!.id, { evidence: { uncategorized_text: 'winning_evidence' } });
    await until(id, (t) => t.dispute === 'won');
    expect(await listed('dispute=won')).toEqual([id]);
    expect(await listed('dispute=any')).toEqual([id]);
    expect((await p.syncJobs(id)).length).toBe(jobsBefore + 1);
  });

  it('a dispute the merchant accepts (closes) is lost', async () => {
    const { payment } = await p.buyer('accepted@example.com').buy('pm_card_createDispute');
    const id = payment.id as string;
    await until(id, (t) => t.dispute === 'disputed');
    const [dispute] = (await p.stripe.disputes.list({ payment_intent: (await detail(id)).stripe.paymentIntentId })).data;
    await p.stripe.disputes.close(dispute!.id);
    await until(id, (t) => t.dispute === 'lost');
    expect(await listed('dispute=lost')).toEqual([id]);
  });
});
