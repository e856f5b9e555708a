import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium } from '../helpers/chromium.js';
import { demoPageUrl, fillHubSpot, hubspotForm, hubspotRecords, hubspotSubmissions, openPage, paymentForm, price, screenshot, startWidgetWorld, widget, type WidgetWorld } from '../widget/browser-world.js';

/**
 * The widget's PayPal button next to a HubSpot form (the HubSpot stand-in's demo page), against the
 * real server and the PayPal stand-in's JS SDK and approval window: pay, a declined funding source
 * then another, cancel then pay.
 */
let world: WidgetWorld;
let tee: string;

async function transactions() {
  const { rows } = await world.app.ctx.database.query<{ id: string; status: string; provider: string; amount: number; provider_payment_id: string | null }>(
    'SELECT id, status, provider, amount, provider_payment_id FROM transactions WHERE account_id = $1 ORDER BY created_at',
    [world.accountId],
  );
  return rows;
}

/** Opens the demo page for a new HubSpot form bound to a new payment form, the PayPal button drawn. */
async function openShop(name: string) {
  const hubspot = await hubspotForm(world, name, world.hubspotPortalId);
  const formId = await paymentForm(world, { name, items: [{ priceId: tee }], selection: 'fixed', hubspot: { portalId: String(hubspot.portalId), formId: hubspot.formId } });
  const opened = await openPage(world, demoPageUrl(world, hubspot, formId));
  await paypalButton(opened.page).waitFor();
  return { ...opened, hubspot };
}

const paypalButton = (page: Page) => widget(page).locator('.onepagepay-paypal button').first();
const errorText = (page: Page) => widget(page).locator('[role=alert]');

/** Clicks the PayPal button and answers in PayPal's popup as the given sandbox buyer. */
async function payInPopup(page: Page, decision: 'approve' | 'cancel', buyer = 'buyer') {
  const [popup] = await Promise.all([page.waitForEvent('popup'), paypalButton(page).click()]);
  await popup.waitForURL(/\/checkoutnow\?token=/);
  if (decision === 'approve') await popup.locator(`input[name=buyer][value=${buyer}]`).check();
  await popup.getByRole('button', { name: decision === 'approve' ? 'Approve' : /^Cancel/ }).click();
}

describe.skipIf(!hasChromium)('widget: pay with PayPal on a HubSpot form page', () => {
  beforeAll(async () => {
    world = await startWidgetWorld({ sync: true, paypal: true });
    tee = await price(world, 'Classic Tee', { type: 'fixed', unitAmount: 2500 });
  });
  afterAll(async () => {
    await world?.close();
  });

  it('approving in PayPal captures the order, then the HubSpot form submits with the payment id', async () => {
    const { page, context, hubspot } = await openShop('PayPal tee');
    await screenshot(page, 'paypal-ready');
    await fillHubSpot(page, { email: 'pat@example.com', firstname: 'Pat', lastname: 'Pal' });
    await payInPopup(page, 'approve');
    await expect.poll(async () => (await hubspotSubmissions(world, hubspot.portalId)).filter((s) => s.email === 'pat@example.com').length, { timeout: 15_000 }).toBe(1);
    const [submission] = (await hubspotSubmissions(world, hubspot.portalId)).filter((s) => s.email === 'pat@example.com');
    const [transaction] = (await transactions()).slice(-1);
    expect(transaction).toMatchObject({ status: 'succeeded', provider: 'paypal', amount: 2500 });
    expect(submission).toMatchObject({ email: 'pat@example.com', onepagepay_payment_id: transaction!.id });
    // The sync: the deal says how it was paid.
    await expect
      .poll(async () => (await hubspotRecords(world, hubspot.portalId, 'deals')).find((d) => d.properties.onepagepay_payment_id === transaction!.id)?.properties, { timeout: 20_000 })
      .toMatchObject({ amount: '25.00', onepagepay_payment_provider: 'paypal', onepagepay_payment_status: 'succeeded' });
    await screenshot(page, 'paypal-paid');
    await context.close();
  });

  it('the hosted page pays with PayPal in the page when popups are blocked, under its CSP, and shows the success message', async () => {
    const formId = await paymentForm(world, { name: 'Hosted PayPal', items: [{ priceId: tee }], selection: 'fixed', successMessage: 'Paid with PayPal, thanks!' });
    const context = await world.browser.newContext({ viewport: { width: 1100, height: 1000 } });
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/.test(m.text())) violations.push(m.text());
    });
    await page.addInitScript(() => {
      window.open = () => null;
    });
    await page.goto(`${world.baseUrl}/pay/${world.accountId}/${formId}`);
    await paypalButton(page).waitFor();
    await widget(page).getByLabel('Email').fill('hosted-paypal@example.com');
    const before = (await transactions()).length;
    await paypalButton(page).click();
    const modal = page.frameLocator('[data-paypal-sandbox-overlay] iframe');
    await modal.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => widget(page).locator('[data-onepagepay-paid]').textContent(), { timeout: 15_000 }).toBe('Paid with PayPal, thanks!');
    expect((await transactions()).slice(before)).toMatchObject([{ status: 'succeeded', provider: 'paypal', amount: 2500 }]);
    expect(violations).toEqual([]);
    await context.close();
  });

  it('a declined funding source says so and reopens PayPal on the same order; another one pays', async () => {
    const { page, context, hubspot } = await openShop('PayPal declined');
    await fillHubSpot(page, { email: 'declined@example.com' });
    const before = (await transactions()).length;
    await payInPopup(page, 'approve', 'declined');
    await expect.poll(() => errorText(page).textContent()).toMatch(/choose another way to pay/i);
    // actions.restart(): PayPal again, in the page this time (no click to open a popup in).
    const modal = page.frameLocator('[data-paypal-sandbox-overlay] iframe');
    await modal.locator('input[name=buyer][value=buyer]').check();
    await modal.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(async () => (await hubspotSubmissions(world, hubspot.portalId)).filter((s) => s.email === 'declined@example.com').length, { timeout: 15_000 }).toBe(1);
    const made = (await transactions()).slice(before);
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({ status: 'succeeded', provider: 'paypal' });
    await context.close();
  });

  it('Cancel at PayPal records a canceled attempt, submits nothing, and the next click pays a new one', async () => {
    const { page, context, hubspot } = await openShop('PayPal cancel');
    await fillHubSpot(page, { email: 'cancel@example.com' });
    const before = (await transactions()).length;
    const mine = async () => (await hubspotSubmissions(world, hubspot.portalId)).filter((s) => s.email === 'cancel@example.com');
    await payInPopup(page, 'cancel');
    await expect.poll(async () => (await transactions()).slice(before).map((t) => t.status)).toEqual(['canceled']);
    expect(await mine()).toHaveLength(0);

    await payInPopup(page, 'approve');
    await expect.poll(async () => (await mine()).length, { timeout: 15_000 }).toBe(1);
    expect((await transactions()).slice(before).map((t) => t.status)).toEqual(['canceled', 'succeeded']);
    await context.close();
  });
});
