import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium } from '../helpers/chromium.js';
import { drivers } from '../helpers/databases.js';
import { openDashboard, signInInBrowser, startDashboardServer, type DashboardServer } from '../dashboard/e2e-server.js';
import { createMerchant, type MerchantFixture } from '../dashboard/merchant-fixture.js';
import { typeCard, widget } from '../widget/browser-world.js';

/**
 * Issue 16's whole story in Chromium, on each database: a buyer pays on the hosted page, the receipt
 * lands in the sandbox inbox; the merchant finds the payment by its PaymentIntent id, sees the card,
 * Stripe's fee and net and the timeline, refunds it; the refund receipt lands.
 */
describe.skipIf(!hasChromium).each(drivers)('a payment from the buyer’s page to the merchant’s refund (%s)', (driver) => {
  let server: DashboardServer;
  let merchant: MerchantFixture;
  beforeAll(async () => {
    server = await startDashboardServer({}, driver);
    merchant = await createMerchant(server.t.app, server.url, 'story');
  }, 120_000);
  afterAll(() => server?.close());

  const inbox = (to: string, subject: RegExp) => server.sandbox.mail.messages().filter((m) => m.to.includes(to) && subject.test(m.subject));

  it('pays, gets the receipt; is found, shown with fee, net and timeline, refunded; gets the refund receipt', async () => {
    const buyerContext = await server.browser.newContext({ viewport: { width: 900, height: 1000 } });
    const buyer = await buyerContext.newPage();
    await buyer.goto(`${server.url}/pay/${merchant.accountId}/${merchant.formId}`);
    await widget(buyer).getByLabel('Email').fill('grace@example.com');
    await widget(buyer).getByLabel('First name').fill('Grace');
    await typeCard(buyer, '4242424242424242');
    await widget(buyer).getByRole('button', { name: /^Pay/ }).click();
    await widget(buyer).locator('[data-onepagepay-paid]').waitFor({ state: 'attached', timeout: 20_000 });
    await buyerContext.close();
    await expect.poll(() => inbox('grace@example.com', /Your receipt from Olive Yoga: \$25\.00$/).length, { timeout: 20_000 }).toBe(1);
    expect(inbox('grace@example.com', /Your receipt/)[0]!.text).toContain('Paid with: Visa •••• 4242');

    const paymentId = (await merchant.owner.request('GET', '/api/v1/transactions?email=grace@example.com')).json().data[0].id as string;
    const detail = (await merchant.owner.request('GET', `/api/v1/transactions/${paymentId}`)).json();
    const { context, page, errors } = await openDashboard(server);
    await page.goto('/sign-in');
    await signInInBrowser(page, merchant.ownerEmail);
    const search = page.getByRole('searchbox', { name: 'Search payments and contacts' });
    await search.fill(detail.stripe.paymentIntentId);
    await search.press('Enter');
    await page.waitForURL(new RegExp(`/transactions/${paymentId}$`));
    await page.getByRole('heading', { name: '$25.00 from grace@example.com', level: 1 }).waitFor();
    expect(await page.locator('[data-payment-method]').textContent()).toBe('Paid with Visa •••• 4242');
    const amounts = await page.getByRole('region', { name: 'Amounts' }).textContent();
    expect(detail.settlement.fee).toBeGreaterThan(0);
    expect(amounts).toContain(`Fee$${(detail.settlement.fee / 100).toFixed(2)}`);
    expect(amounts).toContain(`Net$${(detail.settlement.net / 100).toFixed(2)}`);
    const timeline = page.getByRole('region', { name: 'Timeline' });
    expect(await timeline.textContent()).toContain('Payment succeeded');

    await page.getByRole('button', { name: 'Refund' }).click();
    await page.getByRole('dialog', { name: 'Refund this payment' }).getByRole('button', { name: 'Refund $25.00' }).click();
    await page.getByRole('region', { name: 'Refunds' }).getByText('$25.00').waitFor();
    await expect.poll(() => inbox('grace@example.com', /Your refund from Olive Yoga: \$25\.00$/).length, { timeout: 20_000 }).toBe(1);
    await expect
      .poll(async () => ((await page.reload(), await timeline.textContent()) ?? '').includes('Refund receipt emailed to grace@example.com'), { timeout: 20_000 })
      .toBe(true);
    const steps = await timeline.getByRole('listitem').allTextContents();
    const at = (words: string) => steps.findIndex((s) => s.includes(words));
    const order = ['Payment of $25.00 started', 'Payment succeeded', 'Receipt emailed to grace@example.com', 'Refund of $25.00 asked for', 'Refund of $25.00 went through', 'Refund receipt emailed'];
    expect(order.map(at).every((i) => i >= 0)).toBe(true);
    expect(at('Payment succeeded')).toBeLessThan(at('Refund of $25.00 asked for'));
    expect(at('Refund of $25.00 asked for')).toBeLessThan(at('Refund of $25.00 went through'));
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
