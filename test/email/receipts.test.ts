import type PgBoss from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendEmail, startEmailWorker } from '../../src/email/send-email-job.js';
import { startJobs } from '../../src/platform/jobs/boss.js';
import { loadStripeConnection } from '../../src/providers/stripe/load-stripe-connection.js';
import { drivers } from '../helpers/databases.js';
import { Buyer, createMerchant, startCheckoutWorld, type CheckoutWorld, type Merchant } from '../helpers/checkout.js';
import { startSmtp } from '../helpers/smtp.js';

describe.each(drivers)('email receipts (%s)', (driver) => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let world: CheckoutWorld;
  let merchant: Merchant;
  let buyer: Buyer;
  let boss: PgBoss;
  let worker: { stop(): Promise<unknown> };
  beforeAll(async () => {
    smtp = await startSmtp();
    world = await startCheckoutWorld(driver, { SMTP_URL: smtp.url, MAIL_FROM: 'Tee Shop receipts <receipts@shop.example>' });
    merchant = await createMerchant(world.t);
    await merchant.client.request('PATCH', '/api/v1/account', { name: 'Tee Shop' });
    buyer = new Buyer(world, merchant);
    boss = await startJobs(world.t.ctx.database, { schedule: false, supervise: false });
    worker = await startEmailWorker(world.t.ctx, boss);
  }, 60_000);
  afterAll(async () => {
    await worker?.stop();
    await boss?.stop({ graceful: true, wait: true, timeout: 5000 });
    await world?.close();
    await smtp?.close();
  });

  const emailsOf = async (transactionId: string) =>
    (await world.t.ctx.database.query<{ kind: string; status: string; recipient: string | null }>('SELECT kind, status, recipient FROM emails WHERE transaction_id = $1 ORDER BY created_at', [transactionId])).rows;
  const to = (address: string) => smtp.received.filter((m) => m.envelope.to.includes(address));

  it('one receipt per payment, however many times its success is reported; then one per refund', async () => {
    const { payment, completed } = await buyer.buy('pm_card_visa', { contact: { email: 'receipt@example.com', firstName: 'Rita' }, items: [{ priceId: merchant.prices.shirt, quantity: 2 }] });
    expect(completed.status).toBe('succeeded');
    // The same success reported again and again: completes, and every webhook Stripe sends.
    await Promise.all([buyer.complete(payment.id), buyer.complete(payment.id), buyer.complete(payment.id)]);
    await expect.poll(() => to('receipt@example.com').length).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(to('receipt@example.com')).toHaveLength(1);

    const [mail] = to('receipt@example.com');
    expect(mail!.from).toBe('"Tee Shop receipts" <receipts@shop.example>');
    expect(mail!.envelope.from).toBe('receipts@shop.example');
    expect(mail!.subject).toBe('[Test] Your receipt from Tee Shop: $50.00');
    expect(mail!.text).toContain('Thank you for your payment of $50.00 to Tee Shop');
    expect(mail!.text).toContain('T-shirt × 2: $50.00');
    expect(mail!.text).toContain('Paid with: Visa •••• 4242');
    expect(mail!.text).toContain(`Reference: ${payment.id}`);
    expect(mail!.text).toContain('This is a test: no money moved.');
    expect(mail!.html).toContain('Visa •••• 4242');
    // Nothing secret: no provider id, client secret, key, or card number.
    const pi = payment.stripe.clientSecret.split('_secret_')[0];
    for (const secret of [payment.stripe.clientSecret, pi, payment.stripe.publishableKey, '4242424242424242', 'sk_test_', 'pk_test_']) expect(mail!.raw).not.toContain(secret);
    expect(await emailsOf(payment.id)).toEqual([{ kind: 'payment_receipt', status: 'sent', recipient: 'receipt@example.com' }]);

    const stripe = (await loadStripeConnection(world.t.ctx, merchant.accountId, 'test'))!.client;
    const refunded = await merchant.client.request('POST', `/api/v1/transactions/${payment.id}/refunds`, { amount: 1000 });
    expect(refunded.statusCode).toBeLessThan(300);
    await expect.poll(() => to('receipt@example.com').length).toBe(2);
    const refundMail = to('receipt@example.com')[1]!;
    expect(refundMail.subject).toBe('[Test] Your refund from Tee Shop: $10.00');
    expect(refundMail.text).toContain('Tee Shop refunded $10.00 of your payment of $50.00');
    // Reading the payment again (what reconciliation and webhooks do) sends nothing more.
    await stripe.paymentIntents.retrieve(pi);
    await buyer.complete(payment.id);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(to('receipt@example.com')).toHaveLength(2);
    expect((await emailsOf(payment.id)).map((e) => [e.kind, e.status])).toEqual([
      ['payment_receipt', 'sent'],
      ['refund_receipt', 'sent'],
    ]);
  });

  it("is written in the buyer's language (the widget's), with its money and dates", async () => {
    const { payment } = await buyer.buy('pm_card_visa', { contact: { email: 'francoise@example.com' }, language: 'fr' });
    await expect.poll(() => to('francoise@example.com').length).toBe(1);
    const [mail] = to('francoise@example.com');
    expect(mail!.subject).toMatch(/^\[Test\] Votre reçu de Tee Shop : 25,00\s\$US$/);
    expect(mail!.text).toContain('Payé avec: Visa •••• 4242');
    expect(mail!.text).toContain(`Référence: ${payment.id}`);
    expect(mail!.html).toContain('<html lang="fr">');
    // A language the API does not know is refused before anything is stored.
    expect((await buyer.pay({ items: [{ priceId: merchant.prices.shirt }], language: 'it' })).statusCode).toBe(400);
  });

  it('a form with receipts off sends none; a failed payment none', async () => {
    const form = await merchant.client.request('POST', '/api/v1/forms', { name: 'Quiet', selection: 'fixed', items: [{ priceId: merchant.prices.sticker }], sendReceipts: false });
    expect(form.json().sendReceipts).toBe(false);
    const created = (await buyer.pay({ items: [{ priceId: merchant.prices.sticker }], contact: { email: 'quiet@example.com' } }, { formId: form.json().id })).json();
    await buyer.confirm(created.stripe.clientSecret, created.stripe.publishableKey, 'pm_card_visa');
    expect((await buyer.complete(created.id)).json().status).toBe('succeeded');
    await expect.poll(async () => (await emailsOf(created.id))[0]?.status).toBe('skipped');

    const { payment } = await buyer.buy('pm_card_chargeDeclined', { contact: { email: 'declined@example.com' } });
    expect(await emailsOf(payment.id)).toEqual([]);
    expect(to('quiet@example.com')).toEqual([]);
  });

  it('with email off (no SMTP_URL outside the sandbox) a receipt is recorded as skipped, and none is sent', async () => {
    await worker.stop();
    const { payment } = await buyer.buy('pm_card_visa', { contact: { email: 'off@example.com' } });
    const [row] = (await world.t.ctx.database.query<{ id: string }>(`SELECT id FROM emails WHERE transaction_id = $1`, [payment.id])).rows;
    const off = { ...world.t.ctx, config: { ...world.t.ctx.config, smtpUrl: undefined, sandbox: false } };
    expect(await sendEmail(off, { accountId: merchant.accountId, mode: 'test', emailId: row!.id })).toEqual({ status: 'skipped', note: 'Email is off (no SMTP_URL).' });
    // Settled: the job, run later, leaves it alone.
    expect(await sendEmail(world.t.ctx, { accountId: merchant.accountId, mode: 'test', emailId: row!.id })).toBeNull();
    expect(to('off@example.com')).toEqual([]);
  });
});
