import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium } from '../helpers/chromium.js';
import { accessibilityProblems } from '../helpers/accessibility.js';
import { loadStripeConnection } from '../../src/providers/stripe/load-stripe-connection.js';
import {
  cardDataPattern,
  cardFrame,
  demoPageUrl,
  fillHubSpot,
  hubspotForm,
  hubspotRecords,
  hubspotSubmissions,
  openPage,
  paymentForm,
  price,
  screenshot,
  startWidgetWorld,
  typeCard,
  widget,
  type ServerRequest,
  type WidgetWorld,
} from '../widget/browser-world.js';

/**
 * The widget next to a HubSpot form (the HubSpot stand-in's demo landing page), against the real
 * server and the Stripe stand-in: pay, decline then pay, 3-D Secure, double click, two forms on a page.
 */
let world: WidgetWorld;
let tee: string;
let hoodie: string;
const allRequests: ServerRequest[] = [];

async function transactions() {
  const { rows } = await world.app.ctx.database.query<{ id: string; status: string; amount: number; provider_payment_id: string | null }>(
    'SELECT id, status, amount, provider_payment_id FROM transactions WHERE account_id = $1 ORDER BY created_at',
    [world.accountId],
  );
  return rows;
}

/** Succeeded charges of a PaymentIntent at the Stripe stand-in (a decline leaves a failed one; only succeeded ones take money). */
async function succeededCharges(paymentIntentId: string) {
  // The merchant's own (sealed) secret key: the stand-in's keys are independent, as Stripe's are.
  const stripe = (await loadStripeConnection(world.app.ctx, world.accountId, 'test'))!.client;
  const list = await stripe.charges.list({ payment_intent: paymentIntentId });
  return list.data.filter((c) => c.status === 'succeeded');
}

async function openDemo(formId: string, hubspot: { portalId: number; formId: string }) {
  const opened = await openPage(world, demoPageUrl(world, hubspot, formId));
  await widget(opened.page).locator('iframe[title="Secure payment input frame"]').waitFor();
  return opened;
}

const paidState = (page: Page, n = 0) => widget(page, n).locator('[data-onepagepay-paid]');
const errorText = (page: Page, n = 0) => widget(page, n).locator('[role=alert]');

describe.skipIf(!hasChromium)('widget on a HubSpot form page', () => {
  beforeAll(async () => {
    world = await startWidgetWorld({ sync: true });
    tee = await price(world, 'Classic Tee', { type: 'fixed', unitAmount: 2500, maxQuantity: 5 });
    hoodie = await price(world, 'Hoodie', { type: 'fixed', unitAmount: 4900 });
  });
  afterAll(async () => {
    await world?.close();
  });

  it('card payment: the HubSpot form submits with the payment id, the transaction is stored, contact and deal reach HubSpot', async () => {
    const hubspot = await hubspotForm(world, 'Tee order', world.hubspotPortalId);
    const formId = await paymentForm(world, { name: 'Tee order', items: [{ priceId: tee }, { priceId: hoodie }], selection: 'pick_one', hubspot: { portalId: String(hubspot.portalId), formId: hubspot.formId } });
    const { page, context, requests } = await openDemo(formId, hubspot);
    await screenshot(page, 'ready');

    await widget(page).getByLabel('Quantity').fill('2');
    await expect.poll(() => widget(page).locator('[data-onepagepay-total]').textContent()).toBe('€50.00');
    await fillHubSpot(page, { email: 'ada@example.com', firstname: 'Ada', lastname: 'Lovelace' });
    await typeCard(page, '4242 4242 4242 4242');
    // Inside a HubSpot form the page must not be left: cards only, although the account offers Klarna and SEPA in euros.
    expect(await cardFrame(page).getByRole('tab').count()).toBe(0);
    await page.click('form.hs-form input[type=submit]');
    await expect.poll(async () => (await hubspotSubmissions(world, hubspot.portalId)).length, { timeout: 15_000 }).toBe(1);
    await expect(paidState(page).count()).resolves.toBe(1);
    await screenshot(page, 'paid');

    const [submission] = await hubspotSubmissions(world, hubspot.portalId);
    const [transaction] = await transactions();
    expect(submission).toMatchObject({ email: 'ada@example.com', firstname: 'Ada', lastname: 'Lovelace', onepagepay_payment_id: transaction.id });
    expect(transaction).toMatchObject({ status: 'succeeded', amount: 5000 });
    expect(await succeededCharges(transaction.provider_payment_id!)).toHaveLength(1);

    // The sync: the deal (keyed by the payment id) and the contact with OnePagePay's properties, associated.
    await expect.poll(async () => (await hubspotRecords(world, hubspot.portalId, 'deals')).length, { timeout: 20_000 }).toBe(1);
    const [deal] = await hubspotRecords(world, hubspot.portalId, 'deals');
    expect(deal.properties).toMatchObject({ onepagepay_payment_id: transaction.id, amount: '50.00', deal_currency_code: 'EUR', onepagepay_payment_status: 'succeeded' });
    await expect.poll(async () => (await hubspotRecords(world, hubspot.portalId, 'contacts')).find((c) => c.properties.email === 'ada@example.com')?.properties.onepagepay_payment_count, { timeout: 20_000 }).toBe('1');
    const contact = (await hubspotRecords(world, hubspot.portalId, 'contacts')).find((c) => c.properties.email === 'ada@example.com')!;
    expect(contact.properties).toMatchObject({ firstname: 'Ada', lastname: 'Lovelace', onepagepay_total_spent: '50.00', onepagepay_last_product: 'Classic Tee' });
    expect(deal.associations.contacts?.map((a) => a.id)).toContain(contact.id);
    allRequests.push(...requests);
    await context.close();
  });

  it('a decline shows Stripe’s message and keeps the form; another card then pays the same payment', async () => {
    const hubspot = await hubspotForm(world, 'Hoodie order');
    const formId = await paymentForm(world, { name: 'Hoodie', items: [{ priceId: hoodie }], selection: 'fixed', hubspot: { portalId: String(hubspot.portalId), formId: hubspot.formId } });
    const { page, context, requests } = await openDemo(formId, hubspot);
    const before = (await transactions()).length;
    await fillHubSpot(page, { email: 'grace@example.com', firstname: 'Grace' });
    await typeCard(page, '4000 0000 0000 0002');
    await page.click('form.hs-form input[type=submit]');
    await expect.poll(() => errorText(page).textContent(), { timeout: 15_000 }).toBe('Your card was declined.');
    expect(await hubspotSubmissions(world, hubspot.portalId)).toHaveLength(0);
    expect(await page.locator('form.hs-form input[type=submit]').isEnabled()).toBe(true);
    // The widget with its error passes axe-core (the page around it is the stand-in's HubSpot form).
    expect(await accessibilityProblems(page, '[data-onepagepay-widget]')).toEqual([]);
    await screenshot(page, 'declined');

    await typeCard(page, '4242 4242 4242 4242');
    await page.click('form.hs-form input[type=submit]');
    await expect.poll(async () => (await hubspotSubmissions(world, hubspot.portalId)).length, { timeout: 15_000 }).toBe(1);
    const made = (await transactions()).slice(before);
    expect(made).toHaveLength(1); // the retry paid the same payment
    expect(made[0]).toMatchObject({ status: 'succeeded', amount: 4900 });
    expect((await hubspotSubmissions(world, hubspot.portalId))[0].onepagepay_payment_id).toBe(made[0].id);
    allRequests.push(...requests);
    await context.close();
  });

  it('3-D Secure: completing the challenge pays', async () => {
    const hubspot = await hubspotForm(world, '3DS ok');
    const formId = await paymentForm(world, { name: '3DS', items: [{ priceId: hoodie }], selection: 'fixed', hubspot: { portalId: String(hubspot.portalId), formId: hubspot.formId } });
    const { page, context, requests } = await openDemo(formId, hubspot);
    await fillHubSpot(page, { email: 'alan@example.com' });
    await typeCard(page, '4000 0027 6000 3184');
    await page.click('form.hs-form input[type=submit]');
    const challenge = page.frameLocator('iframe[name="__stripeSandbox3ds"]');
    await challenge.getByRole('button', { name: 'Complete' }).waitFor();
    await screenshot(page, '3ds-challenge');
    await challenge.getByRole('button', { name: 'Complete' }).click();
    await expect.poll(async () => (await hubspotSubmissions(world, hubspot.portalId)).length, { timeout: 15_000 }).toBe(1);
    const last = (await transactions()).at(-1)!;
    expect(last.status).toBe('succeeded');
    allRequests.push(...requests);
    await context.close();
  });

  it('3-D Secure: failing the challenge shows a clear error, charges nothing and submits nothing', async () => {
    const hubspot = await hubspotForm(world, '3DS fail');
    const formId = await paymentForm(world, { name: '3DS fail', items: [{ priceId: hoodie }], selection: 'fixed', hubspot: { portalId: String(hubspot.portalId), formId: hubspot.formId } });
    const { page, context, requests } = await openDemo(formId, hubspot);
    await fillHubSpot(page, { email: 'edsger@example.com' });
    await typeCard(page, '4000 0027 6000 3184');
    await page.click('form.hs-form input[type=submit]');
    await page.frameLocator('iframe[name="__stripeSandbox3ds"]').getByRole('button', { name: 'Fail' }).click();
    await expect.poll(() => errorText(page).textContent(), { timeout: 15_000 }).toBe('Your bank did not confirm this payment, so nothing was charged. Please try again or use another card.');
    await screenshot(page, '3ds-failed');
    const last = (await transactions()).at(-1)!;
    expect(last.status).toBe('failed');
    expect(await succeededCharges(last.provider_payment_id!)).toHaveLength(0);
    expect(await hubspotSubmissions(world, hubspot.portalId)).toHaveLength(0);
    allRequests.push(...requests);
    await context.close();
  });

  it('a double click on submit creates one payment and one charge', async () => {
    const hubspot = await hubspotForm(world, 'Double click');
    const formId = await paymentForm(world, { name: 'Double', items: [{ priceId: hoodie }], selection: 'fixed', hubspot: { portalId: String(hubspot.portalId), formId: hubspot.formId } });
    const { page, context, requests } = await openDemo(formId, hubspot);
    const before = (await transactions()).length;
    await fillHubSpot(page, { email: 'barbara@example.com' });
    await typeCard(page, '4242 4242 4242 4242');
    await page.dblclick('form.hs-form input[type=submit]');
    await page.keyboard.press('Enter'); // and a third submission attempt while the payment is in flight
    await expect.poll(async () => (await hubspotSubmissions(world, hubspot.portalId)).length, { timeout: 15_000 }).toBe(1);
    const made = (await transactions()).slice(before);
    expect(made).toHaveLength(1);
    expect(await succeededCharges(made[0].provider_payment_id!)).toHaveLength(1);
    expect(requests.filter((r) => r.method === 'POST' && r.url.endsWith('/payments'))).toHaveLength(1);
    allRequests.push(...requests);
    await context.close();
  });

  it('two widgets with two HubSpot forms on one page pay independently', async () => {
    const first = await hubspotForm(world, 'First');
    const second = await hubspotForm(world, 'Second');
    const formA = await paymentForm(world, { name: 'A', items: [{ priceId: tee }], selection: 'fixed', hubspot: { portalId: String(first.portalId), formId: first.formId } });
    const formB = await paymentForm(world, { name: 'B', items: [{ priceId: hoodie }], selection: 'fixed', hubspot: { portalId: String(second.portalId), formId: second.formId } });
    const hubspotUrl = world.sandbox.urls.hubspot;
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Two forms</title></head><body>
<h1>Two offers</h1><div id="a"></div><div id="b"></div>
<script src="${hubspotUrl}/forms/embed/v2.js"></script>
<script>hbspt.forms.create({portalId:"${first.portalId}",formId:"${first.formId}",target:"#a"});hbspt.forms.create({portalId:"${second.portalId}",formId:"${second.formId}",target:"#b"});</script>
<script src="${world.baseUrl}/widget.js" data-account="${world.accountId}" data-form="${formA}" async></script>
<script src="${world.baseUrl}/widget.js" data-account="${world.accountId}" data-form="${formB}" async></script>
</body></html>`;
    // Tall enough that nothing scrolls: a click right after typing in Stripe's frame can land mid-scroll.
    const { page, context, requests } = await openPage(world, world.merchantPage(html), { height: 1800 });
    const formOf = (n: number) => page.locator('form.hs-form').nth(n);
    await formOf(0).locator('iframe[title="Secure payment input frame"]').waitFor();
    await formOf(1).locator('iframe[title="Secure payment input frame"]').waitFor();
    expect(await page.locator('script[src*="/widget/widget."]').count()).toBe(1); // one bundle for both widgets
    await screenshot(page, 'two-forms');

    // The second form first: the first must stay untouched.
    await fillHubSpot(page, { email: 'second@example.com' }, formOf(1));
    await formOf(1).frameLocator('iframe[title="Secure payment input frame"]').locator('input[name="cardnumber"]').fill('4242424242424242');
    await formOf(1).frameLocator('iframe[title="Secure payment input frame"]').locator('input[name="exp-date"]').fill('1240');
    await formOf(1).frameLocator('iframe[title="Secure payment input frame"]').locator('input[name="cvc"]').fill('123');
    await formOf(1).locator('input[type=submit]').click();
    await expect.poll(async () => (await hubspotSubmissions(world, second.portalId)).length, { timeout: 15_000 }).toBe(1);
    expect(await hubspotSubmissions(world, first.portalId)).toHaveLength(0);
    expect(await formOf(0).locator('[data-onepagepay-paid]').count()).toBe(0);

    await fillHubSpot(page, { email: 'first@example.com' }, formOf(0));
    await formOf(0).frameLocator('iframe[title="Secure payment input frame"]').locator('input[name="cardnumber"]').fill('5555555555554444');
    await formOf(0).frameLocator('iframe[title="Secure payment input frame"]').locator('input[name="exp-date"]').fill('1240');
    await formOf(0).frameLocator('iframe[title="Secure payment input frame"]').locator('input[name="cvc"]').fill('123');
    await formOf(0).locator('input[type=submit]').click();
    await expect.poll(async () => (await hubspotSubmissions(world, first.portalId)).length, { timeout: 15_000 }).toBe(1);
    const [a] = await hubspotSubmissions(world, first.portalId);
    const [b] = await hubspotSubmissions(world, second.portalId);
    expect(a.email).toBe('first@example.com');
    expect(b.email).toBe('second@example.com');
    expect(a.onepagepay_payment_id).not.toBe(b.onepagepay_payment_id);
    const amounts = Object.fromEntries((await transactions()).map((t) => [t.id, t]));
    expect(amounts[a.onepagepay_payment_id]).toMatchObject({ status: 'succeeded', amount: 2500 });
    expect(amounts[b.onepagepay_payment_id]).toMatchObject({ status: 'succeeded', amount: 4900 });
    allRequests.push(...requests);
    await context.close();
  });

  it('no request any page sent to the server carried card data', () => {
    expect(allRequests.filter((r) => r.method === 'POST').length).toBeGreaterThanOrEqual(12);
    for (const request of allRequests) expect(`${request.url} ${request.body}`).not.toMatch(cardDataPattern);
  });
});
