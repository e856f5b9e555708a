import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProviderChecks } from '../../src/monitor/run-checks.js';
import type { SandboxProvider } from '../../src/sandbox/types.js';
import { hasChromium } from '../helpers/chromium.js';
import { demoPageUrl, fillHubSpot, hubspotForm, hubspotSubmissions, openPage, paymentForm, price, screenshot, startWidgetWorld, widget, type WidgetWorld } from '../widget/browser-world.js';

/** When the form cannot take a payment, the widget shows why in place of the payment section and injects no card form. */
let world: WidgetWorld;
let tee: string;

const message = (page: import('playwright-core').Page) => widget(page).locator('[data-onepagepay-message]');

/** A provider outage at the stand-in, seen by one round of the provider monitor (as `serve` runs it every interval). */
async function outage(provider: SandboxProvider, on: boolean) {
  await world.sandbox.setFaults(provider, { outage: on ? '503' : 'off' });
  await runProviderChecks(world.app.ctx, { intervalMs: 0, timeoutMs: 2000 });
}

describe.skipIf(!hasChromium)('widget when payment is not possible', () => {
  beforeAll(async () => {
    world = await startWidgetWorld();
    tee = await price(world, 'Classic Tee', { type: 'fixed', unitAmount: 2500 });
  });
  afterAll(async () => {
    await world?.close();
  });

  it('Stripe down: a message instead of the payment section, and the HubSpot form cannot be submitted unpaid', async () => {
    const hubspot = await hubspotForm(world, 'Stripe down');
    const formId = await paymentForm(world, { name: 'Tee', items: [{ priceId: tee }], selection: 'fixed', hubspot: { portalId: String(hubspot.portalId), formId: hubspot.formId } });
    await outage('stripe', true);
    try {
      const { page, context } = await openPage(world, demoPageUrl(world, hubspot, formId));
      await message(page).waitFor();
      expect(await message(page).textContent()).toBe('Payments are temporarily unavailable: our card processor cannot be reached. Please try again in a few minutes.');
      expect(await page.locator('iframe[title="Secure payment input frame"]').count()).toBe(0);
      expect(await widget(page).locator('section').count()).toBe(0);
      // Above the form's submit button, and the button is disabled.
      expect(await page.locator('form.hs-form [data-onepagepay-widget] + .hs_submit').count()).toBe(1);
      expect(await page.locator('form.hs-form input[type=submit]').isDisabled()).toBe(true);
      await fillHubSpot(page, { email: 'ada@example.com' });
      await page.locator('form.hs-form input[name=email]').press('Enter');
      await page.waitForTimeout(300); // a submission would be under way by now
      expect(await hubspotSubmissions(world, hubspot.portalId)).toHaveLength(0);
      await screenshot(page, 'unavailable');
      await context.close();
    } finally {
      await outage('stripe', false);
    }
  });

  it('HubSpot down: the message shows where the form would be, and nothing is injected', async () => {
    const hubspot = await hubspotForm(world, 'HubSpot down');
    const formId = await paymentForm(world, { name: 'Tee', items: [{ priceId: tee }], selection: 'fixed', hubspot: { portalId: String(hubspot.portalId), formId: hubspot.formId } });
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title></head><body>
<h1>Order</h1><div id="form"></div>
<script src="${world.sandbox.urls.hubspot}/forms/embed/v2.js"></script>
<script>hbspt.forms.create({portalId:"${hubspot.portalId}",formId:"${hubspot.formId}",target:"#form"});</script>
<script src="${world.baseUrl}/widget.js" data-account="${world.accountId}" data-form="${formId}" async></script>
</body></html>`;
    await outage('hubspot', true);
    try {
      const { page, context } = await openPage(world, world.merchantPage(html));
      await message(page).waitFor();
      expect(await message(page).textContent()).toBe('Payments are temporarily unavailable: our customer records service (HubSpot) cannot be reached. Please try again in a few minutes.');
      expect(await page.locator('script[data-form] + [data-onepagepay-widget]').count()).toBe(1); // right after the embed tag
      expect(await page.locator('iframe[title="Secure payment input frame"]').count()).toBe(0);
      await screenshot(page, 'hubspot-down');
      await context.close();
    } finally {
      await outage('hubspot', false);
    }
  });

  it('Stripe.js failing to load, before the monitor noticed, also gives a message and no form', async () => {
    const formId = await paymentForm(world, { name: 'Tee', items: [{ priceId: tee }], selection: 'fixed' });
    await world.sandbox.setFaults('stripe', { outage: '503' });
    try {
      const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title></head><body>
<div data-onepagepay-form data-account="${world.accountId}" data-form="${formId}"></div><script src="${world.baseUrl}/widget.js" async></script></body></html>`;
      const { page, context } = await openPage(world, world.merchantPage(html));
      await message(page).waitFor();
      expect(await message(page).textContent()).toBe('The card payment form could not be loaded. Please try again later.');
      expect(await widget(page).locator('section').count()).toBe(0);
      await context.close();
    } finally {
      await world.sandbox.setFaults('stripe', { outage: 'off' });
    }
  });

  it('an archived form and a site outside the allowed domains get the message, not a form', async () => {
    const archived = await paymentForm(world, { name: 'Old', items: [{ priceId: tee }], selection: 'fixed' });
    expect((await world.client.request('POST', `/api/v1/forms/${archived}/archive`, {})).statusCode).toBe(200);
    const elsewhere = await paymentForm(world, { name: 'Elsewhere', items: [{ priceId: tee }], selection: 'fixed', allowedDomains: ['https://shop.example.com'] });
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title></head><body>
<div data-onepagepay-form data-account="${world.accountId}" data-form="${archived}"></div>
<div data-onepagepay-form data-account="${world.accountId}" data-form="${elsewhere}"></div>
<div data-onepagepay-form data-account="${world.accountId}" data-form="form_000000000000000000000000"></div>
<script src="${world.baseUrl}/widget.js" async></script></body></html>`;
    const { page, context } = await openPage(world, world.merchantPage(html));
    await expect.poll(() => page.locator('[data-onepagepay-message]').count()).toBe(3);
    const texts = await page.locator('[data-onepagepay-message]').allTextContents();
    expect(texts[0]).toBe('This payment form is no longer available.');
    expect(texts[1]).toBe('This payment form cannot be used on this website.');
    expect(texts[2]).toBe('This payment form does not exist or is no longer available.');
    expect(await page.locator('iframe').count()).toBe(0);
    await context.close();
  });
});
