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
/** Every request body the merchant's server received: card data must never be among them. */
const merchantBodies: string[] = [];

function merchantPage(stripeBase: string, publishableKey: string, element: 'payment' | 'card') {
  return `<!doctype html><html><body><h1>Shop</h1><form id="checkout"><div id="el"></div><button id="pay" type="button">Pay</button></form>
<script src="${stripeBase}/v3/"></script>
<script>
  window.events = [];
  var stripe = Stripe(${JSON.stringify(publishableKey)});
  var elements, el, clientSecret;
  fetch('/pi', { method: 'POST', body: '{}' }).then(function (r) { return r.json(); }).then(function (pi) {
    clientSecret = pi.clientSecret;
    elements = stripe.elements({ clientSecret: clientSecret });
    el = elements.create(${JSON.stringify(element)});
    el.on('ready', function () { window.events.push({ type: 'ready' }); });
    el.on('change', function (e) { window.events.push({ type: 'change', complete: e.complete }); });
    el.mount('#el');
  });
  document.getElementById('pay').onclick = function () {
    var done = function (r) {
      window.events.push({ type: 'result', status: r.paymentIntent && r.paymentIntent.status, error: r.error && r.error.code });
      return fetch('/complete', { method: 'POST', body: JSON.stringify({ id: r.paymentIntent ? r.paymentIntent.id : null }) });
    };
    if (${JSON.stringify(element)} === 'payment') {
      elements.submit().then(function (s) {
        if (s.error) return window.events.push({ type: 'result', error: s.error.code });
        return stripe.confirmPayment({ elements: elements, confirmParams: { return_url: location.href }, redirect: 'if_required' }).then(done);
      });
    } else {
      stripe.confirmCardPayment(clientSecret, { payment_method: { card: el, billing_details: { name: 'Ada' } } }).then(done);
    }
  };
</script></body></html>`;
}

async function startMerchant(stripeBase: string, secretKey: string, publishableKey: string) {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      merchantBodies.push(`${req.url} ${Buffer.concat(chunks).toString('utf8')}`);
      const url = new URL(req.url ?? '/', 'http://x');
      if (req.method === 'GET' && url.pathname === '/') {
        const element = url.searchParams.get('element') === 'card' ? 'card' : 'payment';
        return res.writeHead(200, { 'content-type': 'text/html' }).end(merchantPage(stripeBase, publishableKey, element));
      }
      if (req.method === 'POST' && url.pathname === '/pi') {
        const r = await fetch(`${stripeBase}/v1/payment_intents`, {
          method: 'POST',
          headers: { authorization: `Bearer ${secretKey}`, 'content-type': 'application/x-www-form-urlencoded' },
          body: 'amount=1990&currency=eur&automatic_payment_methods[enabled]=true',
        });
        const pi = (await r.json()) as { client_secret: string };
        return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ clientSecret: pi.client_secret }));
      }
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  // "localhost" rather than 127.0.0.1: another origin than the stand-in's, as on a real shop.
  return { server, url: `http://localhost:${(server.address() as AddressInfo).port}/` };
}

const events = (page: Page) => page.evaluate(() => (window as unknown as { events: Array<{ type: string; status?: string; error?: string; complete?: boolean }> }).events);

async function openCheckout(element: 'payment' | 'card' = 'payment') {
  const page = await browser.newPage();
  await page.goto(`${merchantUrl}?element=${element}`);
  await expect.poll(async () => (await events(page)).some((e) => e.type === 'ready')).toBe(true);
  return page;
}

async function typeCard(page: Page, number: string) {
  const frame = page.frameLocator('iframe[title="Secure payment input frame"]');
  await frame.locator('input[name="cardnumber"]').fill(number);
  await frame.locator('input[name="exp-date"]').fill('12' + String((new Date().getUTCFullYear() + 2) % 100));
  await frame.locator('input[name="cvc"]').fill('123');
}

async function result(page: Page) {
  await expect.poll(async () => (await events(page)).find((e) => e.type === 'result')).toBeTruthy();
  return (await events(page)).find((e) => e.type === 'result')!;
}

describe.skipIf(!hasChromium)('Stripe.js stand-in in Chromium', () => {
  beforeAll(async () => {
    sandbox = await startSandbox();
    const keys = (await (await fetch(`${sandbox.urls.stripe}/__sandbox/stripe/accounts`, { method: 'POST' })).json()) as { test: { secretKey: string; publishableKey: string } };
    ({ server: merchant, url: merchantUrl } = await startMerchant(sandbox.urls.stripe, keys.test.secretKey, keys.test.publishableKey));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => merchant?.close(r));
    await sandbox?.close();
  });

  it('pays with 4242 typed into the card iframe (Payment Element, confirmPayment)', async () => {
    const page = await openCheckout();
    await typeCard(page, '4242 4242 4242 4242');
    await expect.poll(async () => (await events(page)).some((e) => e.type === 'change' && e.complete)).toBe(true);
    await page.click('#pay');
    expect(await result(page)).toMatchObject({ status: 'succeeded' });
    await page.close();
  });

  it('reports a decline as { error } with the card_declined code', async () => {
    const page = await openCheckout();
    await typeCard(page, '4000 0000 0000 0002');
    await page.click('#pay');
    expect(await result(page)).toMatchObject({ error: 'card_declined' });
    await page.close();
  });

  it('shows a 3-D Secure modal; Complete succeeds', async () => {
    const page = await openCheckout();
    await typeCard(page, '4000 0027 6000 3184');
    await page.click('#pay');
    await page.frameLocator('iframe[name="__stripeSandbox3ds"]').getByRole('button', { name: 'Complete' }).click();
    expect(await result(page)).toMatchObject({ status: 'succeeded' });
    expect(await page.locator('[data-stripe-sandbox="3ds-modal"]').count()).toBe(0);
    await page.close();
  });

  it('shows a 3-D Secure modal; Fail gives payment_intent_authentication_failure', async () => {
    const page = await openCheckout('card');
    await typeCard(page, '4000002760003184');
    await page.click('#pay');
    await page.frameLocator('iframe[name="__stripeSandbox3ds"]').getByRole('button', { name: 'Fail' }).click();
    expect(await result(page)).toMatchObject({ error: 'payment_intent_authentication_failure' });
    await page.close();
  });

  it('elements.submit() refuses an incomplete card without calling the API', async () => {
    const page = await openCheckout();
    await page.frameLocator('iframe[title="Secure payment input frame"]').locator('input[name="cardnumber"]').fill('4242');
    await page.click('#pay');
    expect(await result(page)).toMatchObject({ error: 'incomplete_number' });
    await page.close();
  });

  it('the merchant page and server never see the card number', async () => {
    const joined = merchantBodies.join('\n');
    expect(joined).not.toMatch(/4242\s?4242\s?4242\s?4242|4000\s?0027\s?6000\s?3184/);
    expect(merchantBodies.some((b) => b.startsWith('/complete'))).toBe(true);
  });
});
