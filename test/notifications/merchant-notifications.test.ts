import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertQuietMs } from '../../src/notifications/sync-failure-alert.js';
import { sendMerchantNotifications } from '../../src/notifications/merchant-notifications-job.js';
import { drivers } from '../helpers/databases.js';
import { Buyer, createMerchant, startCheckoutWorld, type CheckoutWorld, type Merchant } from '../helpers/checkout.js';
import { startSmtp } from '../helpers/smtp.js';
import { inviteAndAccept } from '../helpers/team.js';

/** Issue 16: members choose a daily summary and an alert when HubSpot syncs start failing. */
describe.each(drivers)("members' daily summary and sync failure alerts (%s)", (driver) => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let world: CheckoutWorld;
  let merchant: Merchant;
  let ownerEmail: string;
  let viewer: Awaited<ReturnType<typeof inviteAndAccept>>;
  beforeAll(async () => {
    smtp = await startSmtp();
    world = await startCheckoutWorld(driver, { SMTP_URL: smtp.url });
    merchant = await createMerchant(world.t);
    await merchant.client.request('PATCH', '/api/v1/account', { name: 'Tee Shop' });
    ownerEmail = (await merchant.client.request('GET', '/api/v1/me')).json().user.email;
    viewer = await inviteAndAccept(world.t.app, merchant.client, 'viewer');
  }, 60_000);
  afterAll(async () => {
    await world?.close();
    await smtp?.close();
  });

  const mailTo = (address: string, subject: RegExp) => smtp.received.filter((m) => m.envelope.to.includes(address) && subject.test(m.subject));
  const choose = (client: Merchant['client'], choice: { dailySummary: boolean; syncFailures: boolean }) => client.request('PUT', '/api/v1/me/notifications', choice);
  /** Tomorrow at 07:00 UTC: today is the day summed up. */
  const tomorrowMorning = () => {
    const d = new Date();
    d.setUTCDate(d.getUTCDate() + 1);
    d.setUTCHours(7, 0, 0, 0);
    return d;
  };

  it('each member chooses for themselves, off until turned on, any role; unknown fields are refused', async () => {
    expect((await merchant.client.request('GET', '/api/v1/me')).json().notifications).toEqual({ dailySummary: false, syncFailures: false });
    const chosen = await choose(viewer.client, { dailySummary: true, syncFailures: false });
    expect(chosen.statusCode, chosen.body).toBe(200);
    expect(chosen.json().notifications).toEqual({ dailySummary: true, syncFailures: false });
    expect((await merchant.client.request('GET', '/api/v1/me')).json().notifications).toEqual({ dailySummary: false, syncFailures: false });
    expect((await viewer.client.request('PUT', '/api/v1/me/notifications', { dailySummary: true, syncFailures: false, everything: true })).statusCode).toBe(400);
    expect((await viewer.client.request('PUT', '/api/v1/me/notifications', { dailySummary: 'yes', syncFailures: false })).statusCode).toBe(400);
  });

  it("sums up the day once to those who chose it: payments, refunds, failures, in each currency; nothing twice, nothing on a quiet day", async () => {
    const buyer = new Buyer(world, merchant);
    const paid = await buyer.buy('pm_card_visa', { items: [{ priceId: merchant.prices.shirt, quantity: 2 }] });
    const other = await buyer.buy('pm_card_visa', { items: [{ priceId: merchant.prices.sticker, quantity: 1 }] });
    await buyer.buy('pm_card_chargeDeclined');
    expect((await merchant.client.request('POST', `/api/v1/transactions/${paid.payment.id}/refunds`, { amount: 1000 })).statusCode).toBe(201);
    const amountOf = async (id: string) => (await merchant.client.request('GET', `/api/v1/transactions/${id}`)).json().amount as number;
    const gross = (await amountOf(paid.payment.id)) + (await amountOf(other.payment.id));

    const report = await sendMerchantNotifications(world.t.ctx, tomorrowMorning());
    expect(report.summaries).toBe(1);
    const [summary] = mailTo(viewer.email, /^Tee Shop on /);
    expect(summary!.subject).toMatch(/^Tee Shop on [A-Z][a-z]{2} \d{1,2}, \d{4}: test data only$/);
    expect(summary!.text).toContain('Test data (no real money)');
    expect(summary!.text).toContain(`- 2 payments: $${(gross / 100).toFixed(2)}`);
    expect(summary!.text).toContain('- 1 refund: $10.00');
    expect(summary!.text).toContain('- 1 payment failed');
    expect(summary!.text).toContain(`${world.baseUrl}/transactions`);
    expect(summary!.html).toContain('<li>1 refund: $10.00</li>');
    // The owner did not choose it.
    expect(mailTo(ownerEmail, /^Tee Shop on /)).toEqual([]);
    // Another run, another instance: no second summary of that day.
    expect((await sendMerchantNotifications(world.t.ctx, tomorrowMorning())).summaries).toBe(0);
    expect(mailTo(viewer.email, /^Tee Shop on /)).toHaveLength(1);
    // Before the hour, nothing; a day with nothing in it, nothing.
    const early = tomorrowMorning();
    early.setUTCHours(3);
    expect((await sendMerchantNotifications(world.t.ctx, new Date(early.getTime() + 86_400_000))).summaries).toBe(0);
    const later = tomorrowMorning();
    later.setUTCDate(later.getUTCDate() + 1);
    expect((await sendMerchantNotifications(world.t.ctx, later)).summaries).toBe(0);
  });

  it('alerts those who chose it when syncs start failing: how many, why, where to retry; then not again for 6 hours', async () => {
    expect((await choose(merchant.client, { dailySummary: false, syncFailures: true })).statusCode).toBe(200);
    const buyer = new Buyer(world, merchant);
    const ids = [(await buyer.buy()).payment.id, (await buyer.buy()).payment.id] as string[];
    const now = new Date();
    // Two dead letters, as the sync records them when HubSpot refuses a payment (test/sync covers the refusals themselves).
    const deadLetter = (id: string, message: string, at: Date) =>
      world.t.ctx.database.query(
        `INSERT INTO hubspot_syncs (transaction_id, account_id, mode, state, error_code, last_error, failed_at) VALUES ($1, $2, 'test', 'failed', 'invalid_email', $3, $4)
         ON CONFLICT (transaction_id) DO UPDATE SET state = 'failed', last_error = $3, failed_at = $4`,
        [id, merchant.accountId, message, at],
      );
    await deadLetter(ids[0]!, 'HubSpot would refuse the buyer\'s email address "ada@example.c".', new Date(now.getTime() - 60_000));
    await deadLetter(ids[1]!, 'HubSpot would refuse the buyer\'s email address "ada@example.c".', now);

    expect((await sendMerchantNotifications(world.t.ctx, now)).alerts).toBe(1);
    const [alert] = mailTo(ownerEmail, /HubSpot$/);
    expect(alert!.subject).toBe('Tee Shop: 2 payments could not be synced to HubSpot');
    expect(alert!.text).toContain('(test data)');
    expect(alert!.text).toContain('- HubSpot would refuse the buyer\'s email address "ada@example.c". (2 payments)');
    expect(alert!.text).toContain(`${world.baseUrl}/sync`);
    expect(alert!.html).toContain('&quot;ada@example.c&quot;');
    expect(mailTo(viewer.email, /HubSpot$/)).toEqual([]);

    // Nothing new: nothing sent. A new failure within 6 hours: still quiet. After: one more alert, about the new one only.
    expect((await sendMerchantNotifications(world.t.ctx, new Date(now.getTime() + 60_000))).alerts).toBe(0);
    const third = (await buyer.buy()).payment.id as string;
    await deadLetter(third, 'The deal stage no-such-stage is not in HubSpot.', new Date(now.getTime() + 3600_000));
    expect((await sendMerchantNotifications(world.t.ctx, new Date(now.getTime() + 2 * 3600_000))).alerts).toBe(0);
    expect((await sendMerchantNotifications(world.t.ctx, new Date(now.getTime() + alertQuietMs + 60_000))).alerts).toBe(1);
    const second = mailTo(ownerEmail, /HubSpot$/)[1]!;
    expect(second.subject).toBe('Tee Shop: 1 payment could not be synced to HubSpot');
    expect(second.text).toContain('The deal stage no-such-stage is not in HubSpot.');
  });

  it('sends nothing when email is off', async () => {
    const off = { ...world.t.ctx, config: { ...world.t.ctx.config, smtpUrl: undefined, sandbox: false } };
    const before = smtp.received.length;
    expect(await sendMerchantNotifications(off, tomorrowMorning())).toEqual({ summaries: 0, alerts: 0 });
    expect(smtp.received.length).toBe(before);
  });
});
