import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium } from '../helpers/chromium.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/start-sandbox.js';


let sandbox: RunningSandbox;
let browser: Browser;
let merchant: Server;
let merchantUrl: string;
let clientId: string;

/** A merchant site on another origin: creates and captures orders server-side, renders the buttons in the page. */
async function startMerchant(paypal: string, basic: string) {
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${paypal}${path}`, { method, headers: { authorization: basic, 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });
    return res.json();
  };
  const page = `<!doctype html><html><body><h1>Shop</h1><div id="paypal"></div>
<script src="${paypal}/sdk/js?client-id=${clientId}&currency=EUR&intent=capture"></script>
<script>
  window.events = [];
  paypal.Buttons({
    style: { color: 'gold', shape: 'pill' },
    createOrder: function () { return fetch('/orders', { method: 'POST' }).then(function (r) { return r.json(); }).then(function (o) { return o.id; }); },
    onApprove: function (data) {
      window.events.push({ type: 'approve', data: data });
      return fetch('/orders/' + data.orderID + '/capture', { method: 'POST' }).then(function (r) { return r.json(); })
        .then(function (o) { window.events.push({ type: 'captured', status: o.status }); });
    },
    onCancel: function (data) { window.events.push({ type: 'cancel', data: data }); },
    onError: function (err) { window.events.push({ type: 'error', message: String(err) }); }
  }).render('#paypal');
</script></body></html>`;
  const server = createServer(async (req, res) => {
    if (req.method === 'GET' && req.url === '/') return res.writeHead(200, { 'content-type': 'text/html' }).end(page);
    if (req.method === 'POST' && req.url === '/orders') {
      const order = await call('POST', '/v2/checkout/orders', { intent: 'CAPTURE', purchase_units: [{ amount: { currency_code: 'EUR', value: '19.90' } }] });
      return res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify(order));
    }
    const capture = /^\/orders\/(\w+)\/capture$/.exec(req.url ?? '');
    if (req.method === 'POST' && capture) {
      const order = await call('POST', `/v2/checkout/orders/${capture[1]}/capture`, {});
      return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(order));
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  // "localhost" rather than 127.0.0.1: a different origin from the stand-in, as on a real shop.
  return { server, url: `http://localhost:${(server.address() as AddressInfo).port}/` };
}

const events = (page: Page) => page.evaluate(() => (window as unknown as { events: { type: string; status?: string; data?: { orderID: string } }[] }).events);

describe.skipIf(!hasChromium)('PayPal JS SDK stand-in in Chromium', () => {
  beforeAll(async () => {
    sandbox = await startSandbox();
    const app = await (await fetch(`${sandbox.urls.paypal}/__sandbox/paypal/apps`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"Demo Shop"}' })).json();
    clientId = app.clientId;
    const m = await startMerchant(sandbox.urls.paypal, `Basic ${Buffer.from(`${app.clientId}:${app.clientSecret}`).toString('base64')}`);
    merchant = m.server;
    merchantUrl = m.url;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    merchant?.close();
    await sandbox?.close();
  });

  it('renders a PayPal button; approving in the popup calls onApprove and the order captures', async () => {
    const page = await browser.newPage();
    await page.goto(merchantUrl);
    const button = page.locator('#paypal button[data-funding-source="paypal"]');
    await expect(button.evaluate((b) => getComputedStyle(b).backgroundColor)).resolves.toBe('rgb(255, 196, 57)');
    const [popup] = await Promise.all([page.waitForEvent('popup'), button.click()]);
    await popup.waitForURL(/\/checkoutnow\?token=/);
    await expect(popup.locator('[data-testid=amount]').textContent()).resolves.toContain('19.90 EUR');
    await popup.getByRole('button', { name: 'Approve' }).click();
    await page.waitForFunction(() => (window as unknown as { events: { type: string }[] }).events.some((e) => e.type === 'captured'));
    const seen = await events(page);
    expect(seen[0]).toMatchObject({ type: 'approve', data: { orderID: expect.stringMatching(/^[A-Z0-9]{17}$/), payerID: expect.any(String) } });
    expect(seen[1]).toEqual({ type: 'captured', status: 'COMPLETED' });
    await page.close();
  });

  it('falls back to an in-page modal when popups are blocked, and Cancel calls onCancel', async () => {
    const page = await browser.newPage();
    await page.addInitScript(() => {
      window.open = () => null;
    });
    await page.goto(merchantUrl);
    await page.locator('#paypal button').click();
    const frame = page.frameLocator('[data-paypal-sandbox-overlay] iframe');
    await frame.getByRole('button', { name: /Cancel/ }).click();
    await page.waitForFunction(() => (window as unknown as { events: { type: string }[] }).events.some((e) => e.type === 'cancel'));
    expect((await events(page))[0].data?.orderID).toMatch(/^[A-Z0-9]{17}$/);
    expect(await page.locator('[data-paypal-sandbox-overlay]').count()).toBe(0);

    await page.locator('#paypal button').click();
    await frame.getByRole('button', { name: 'Approve' }).click();
    await page.waitForFunction(() => (window as unknown as { events: { type: string }[] }).events.some((e) => e.type === 'captured'));
    await page.close();
  });

  it('treats closing the popup as a cancel', async () => {
    const page = await browser.newPage();
    await page.goto(merchantUrl);
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.locator('#paypal button').click()]);
    await popup.waitForURL(/\/checkoutnow/);
    await popup.close();
    await page.waitForFunction(() => (window as unknown as { events: { type: string }[] }).events.some((e) => e.type === 'cancel'));
    await page.close();
  });
});
