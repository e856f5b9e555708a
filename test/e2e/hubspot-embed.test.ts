import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium } from '../helpers/chromium.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/start-sandbox.js';


/**
 * Stands in for the OnePagePay widget: intercepts the HubSpot form's first submit in the capture phase,
 * "takes the payment", adds a hidden field, then lets the submission through with requestSubmit().
 */
const interceptor = `
window.intercepted = 0;
document.addEventListener('submit', function (event) {
  var form = event.target;
  if (!form.classList || !form.classList.contains('hs-form') || form.dataset.paid === 'yes') return;
  event.preventDefault();
  event.stopImmediatePropagation();
  window.intercepted += 1;
  setTimeout(function () {
    var hidden = form.querySelector('input[name="onepagepay_payment_id"]');
    if (!hidden) { hidden = document.createElement('input'); hidden.type = 'hidden'; hidden.name = 'onepagepay_payment_id'; form.appendChild(hidden); }
    hidden.value = 'pay_e2e_1';
    form.dataset.paid = 'yes';
    form.requestSubmit();
  }, 50);
}, true);
`;

let sandbox: RunningSandbox;
let browser: Browser;
let widgetServer: Server;
let widgetUrl: string;

const messages = (page: Page) =>
  page.evaluate(() => (window as unknown as { hsMessages: { eventName: string; id: string; data: unknown }[] }).hsMessages);

async function openDemo(params: Record<string, string>) {
  const page = await browser.newPage();
  await page.addInitScript(() => {
    const w = window as unknown as { hsMessages: unknown[] };
    w.hsMessages = [];
    window.addEventListener('message', (e) => {
      if (e.data && e.data.type === 'hsFormCallback') w.hsMessages.push(e.data);
    });
  });
  await page.goto(`${sandbox.urls.hubspot}/demo?${new URLSearchParams(params)}`);
  await page.waitForSelector('form.hs-form input[type=submit].hs-button');
  return page;
}

async function submissions(portalId: number) {
  const res = await fetch(`${sandbox.urls.hubspot}/__sandbox/hubspot/portals/${portalId}/submissions`);
  return (await res.json()).results as { values: { name: string; value: string }[]; contactId: string }[];
}

describe.skipIf(!hasChromium)('HubSpot forms embed stand-in in Chromium', () => {
  beforeAll(async () => {
    sandbox = await startSandbox();
    widgetServer = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/javascript' }).end(interceptor));
    await new Promise<void>((r) => widgetServer.listen(0, '127.0.0.1', r));
    // "localhost": another origin than the stand-in, as the real widget is.
    widgetUrl = `http://localhost:${(widgetServer.address() as AddressInfo).port}/widget.js`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    widgetServer?.close();
    await sandbox?.close();
  });

  it('renders the form like HubSpot, posts the hsFormCallback messages and submits to the stand-in', async () => {
    const demo = await (await fetch(`${sandbox.urls.hubspot}/__sandbox/hubspot/demo`)).json();
    const page = await openDemo({});
    expect(await page.locator(`#hsForm_${demo.formId}`).count()).toBe(1);
    for (const name of ['email', 'firstname', 'lastname']) expect(await page.locator(`form.hs-form input[name="${name}"]`).count()).toBe(1);
    expect((await messages(page)).map((m) => m.eventName)).toEqual(['onBeforeFormInit', 'onFormReady']);

    await page.fill('input[name="email"]', 'browser@example.com');
    await page.fill('input[name="firstname"]', 'Bro');
    await page.click('input[type=submit].hs-button');
    await page.waitForSelector('.submitted-message');
    expect(await page.textContent('.submitted-message')).toContain('Thanks!');

    const all = await messages(page);
    expect(all.map((m) => m.eventName)).toEqual(['onBeforeFormInit', 'onFormReady', 'onBeforeFormSubmit', 'onFormSubmit', 'onFormSubmitted']);
    expect(all.every((m) => m.id === demo.formId)).toBe(true);
    expect(all[3].data).toContainEqual({ name: 'email', value: 'browser@example.com' });
    expect(all[4].data).toMatchObject({ redirectUrl: '', submissionValues: { email: 'browser@example.com', firstname: 'Bro' } });

    const stored = await submissions(demo.portalId);
    expect(stored.at(-1)!.values).toContainEqual({ objectTypeId: '0-1', name: 'firstname', value: 'Bro' });
    await page.close();
  });

  it('shows HubSpot-style errors and submits nothing when the email is invalid', async () => {
    const demo = await (await fetch(`${sandbox.urls.hubspot}/__sandbox/hubspot/demo`)).json();
    const before = (await submissions(demo.portalId)).length;
    const page = await openDemo({});
    await page.fill('input[name="email"]', 'nope@nowhere');
    await page.click('input[type=submit].hs-button');
    await page.waitForSelector('.hs-error-msgs');
    expect(await page.textContent('.hs_email .hs-error-msg')).toBe('Email must be formatted correctly.');
    expect((await submissions(demo.portalId)).length).toBe(before);
    await page.close();
  });

  it('lets a capture-phase listener hold the submission, then requestSubmit() sends it with the added hidden field', async () => {
    const demo = await (await fetch(`${sandbox.urls.hubspot}/__sandbox/hubspot/demo`)).json();
    const before = (await submissions(demo.portalId)).length;
    const page = await openDemo({ widget: widgetUrl, account: 'a'.repeat(32), form: 'frm_demo' });
    await page.waitForFunction(() => typeof (window as unknown as { intercepted?: number }).intercepted === 'number');
    await page.fill('input[name="email"]', 'paid@example.com');
    await page.click('input[type=submit].hs-button');
    await page.waitForSelector('.submitted-message');
    expect(await page.evaluate(() => (window as unknown as { intercepted: number }).intercepted)).toBe(1);

    const after = await submissions(demo.portalId);
    expect(after.length).toBe(before + 1);
    expect(after.at(-1)!.values).toContainEqual({ objectTypeId: '0-1', name: 'onepagepay_payment_id', value: 'pay_e2e_1' });
    const contacts = await (await fetch(`${sandbox.urls.hubspot}/__sandbox/hubspot/portals/${demo.portalId}/objects/contacts`)).json();
    const paid = contacts.results.find((c: { properties: Record<string, string> }) => c.properties.email === 'paid@example.com');
    expect(paid.properties.onepagepay_payment_id).toBe('pay_e2e_1');
    const names = (await messages(page)).map((m) => m.eventName);
    expect(names.filter((n) => n === 'onFormSubmit')).toHaveLength(1);
    await page.close();
  });
});
