import { mkdirSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, BrowserContext, FrameLocator, Locator, Page } from 'playwright-core';
import type PgBoss from 'pg-boss';
import { startJobs } from '../../src/platform/jobs/boss.js';
import { startSyncWorker, type SyncWorker } from '../../src/sync/sync-worker.js';
import { sandboxUrlsForApp, startSandbox, type RunningSandbox } from '../../src/sandbox/start-sandbox.js';
import { startEmailWorker } from '../../src/email/send-email-job.js';
import { launchChromium } from '../helpers/chromium.js';
import { startTestApp, TestClient, uniqueEmail, type TestApp } from '../helpers/harness.js';
import { listenOnFreePort, relaxedCheckoutLimits } from '../helpers/checkout.js';

/**
 * The world the widget's browser tests run in: the sandbox stand-ins, the real app listening on a
 * port (so Chromium and Stripe's webhooks reach it), a merchant account with the sandbox Stripe
 * connected, and Chromium. Every request a page sends to the app is recorded (`requests`).
 */
export interface ServerRequest {
  method: string;
  url: string;
  body: string;
}

export interface WidgetWorld {
  sandbox: RunningSandbox;
  app: TestApp;
  /** The app's URL (PUBLIC_URL), without a trailing slash. */
  baseUrl: string;
  client: TestClient;
  accountId: string;
  /** The HubSpot portal connected to the account (test mode), where the sync writes contacts and deals. */
  hubspotPortalId: number;
  browser: Browser;
  /** Serves `html` on a merchant's site (its own origin, `localhost`), returns the page's URL. */
  merchantPage(html: string): string;
  close(): Promise<void>;
}

/**
 * The world for browser tests. With `sync`, the account's HubSpot (test mode) is connected to a portal at the
 * stand-in and the HubSpot sync runs, as `serve` runs it. With `paypal`, PayPal is connected too (sandbox app).
 */
export async function startWidgetWorld(options: { sync?: boolean; paypal?: boolean; email?: boolean; env?: Record<string, string> } = {}): Promise<WidgetWorld> {
  // The app serves dist/web/widget, built from the current source by the suite's global setup (test/e2e/global-setup.ts).
  const sandbox = await startSandbox();
  const { t: app, url: baseUrl } = await listenOnFreePort((url) =>
    startTestApp('pglite', { PUBLIC_URL: url, SANDBOX: '1', LOG_LEVEL: 'info', SYNC_POLL_MS: '50', ...relaxedCheckoutLimits, ...options.env }, { sandboxUrls: sandboxUrlsForApp(sandbox) }),
  );
  const client = new TestClient(app.app);
  client.origin = baseUrl;
  const signup = await client.signup(uniqueEmail('widget'));
  const connected = await client.request('POST', '/api/v1/connections/stripe/test/sandbox', {});
  if (connected.statusCode >= 300) throw new Error(`sandbox Stripe connection failed: ${connected.statusCode} ${connected.body}`);
  if (options.paypal) {
    const paypal = await client.request('POST', '/api/v1/connections/paypal/test/sandbox', {});
    if (paypal.statusCode >= 300) throw new Error(`sandbox PayPal connection failed: ${paypal.statusCode} ${paypal.body}`);
  }
  let hubspotPortalId = 0;
  let boss: PgBoss | undefined;
  let sync: SyncWorker | undefined;
  if (options.sync) {
    const hubspot = await client.request('POST', '/api/v1/connections/hubspot/test/sandbox', {});
    if (hubspot.statusCode >= 300) throw new Error(`sandbox HubSpot connection failed: ${hubspot.statusCode} ${hubspot.body}`);
    hubspotPortalId = Number(hubspot.json<{ hubspot: { portalId: string } }>().hubspot.portalId);
    boss = await startJobs(app.ctx.database, { schedule: false, supervise: false });
    sync = startSyncWorker(app.ctx, boss);
  }
  // Receipts go to the sandbox inbox, as with `serve` in sandbox mode.
  let email: { stop(): Promise<unknown> } | undefined;
  if (options.email) {
    boss ??= await startJobs(app.ctx.database, { schedule: false, supervise: false });
    email = await startEmailWorker(app.ctx, boss);
  }
  const browser = await launchChromium();
  // The merchant's site: another origin than the app's (localhost vs 127.0.0.1), as on a real shop.
  const pages: string[] = [];
  const merchant = createHttpServer((req, res) => {
    const html = pages[Number(/^\/page\/(\d+)$/.exec(req.url ?? '')?.[1] ?? -1)];
    if (html === undefined) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  });
  await new Promise<void>((resolve) => merchant.listen(0, '127.0.0.1', resolve));
  const merchantUrl = `http://localhost:${(merchant.address() as AddressInfo).port}`;
  return {
    sandbox,
    app,
    baseUrl,
    client,
    accountId: signup.account.id,
    hubspotPortalId,
    browser,
    merchantPage(html) {
      pages.push(html);
      return `${merchantUrl}/page/${pages.length - 1}`;
    },
    async close() {
      await sync?.stop();
      await email?.stop();
      await boss?.stop({ graceful: true, wait: true, timeout: 5000 });
      await browser.close();
      await new Promise((resolve) => merchant.close(resolve));
      await app.close();
      await sandbox.close();
    },
  };
}

async function created<T>(res: { statusCode: number; body: string; json(): unknown }): Promise<T> {
  if (res.statusCode !== 201) throw new Error(`expected 201, got ${res.statusCode} ${res.body}`);
  return res.json() as T;
}

/** A product with one fixed price (or a custom-amount price), through the private API. */
export async function price(world: WidgetWorld, name: string, body: Record<string, unknown>): Promise<string> {
  const product = await created<{ id: string }>(await world.client.request('POST', '/api/v1/products', { name }));
  const made = await created<{ id: string }>(await world.client.request('POST', '/api/v1/prices', { productId: product.id, currency: 'eur', ...body }));
  return made.id;
}

export async function paymentForm(world: WidgetWorld, body: Record<string, unknown>): Promise<string> {
  return (await created<{ id: string }>(await world.client.request('POST', '/api/v1/forms', body))).id;
}

/**
 * A HubSpot form at the stand-in (email, first and last name, the hidden payment id field), in the given
 * portal or a new one.
 */
export async function hubspotForm(world: WidgetWorld, name: string, portalId?: number): Promise<{ portalId: number; formId: string }> {
  const hubspot = world.sandbox.urls.hubspot;
  const portal = portalId
    ? { portalId }
    : ((await (await fetch(`${hubspot}/__sandbox/hubspot/portals`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name }) })).json()) as { portalId: number });
  const res = await fetch(`${hubspot}/__sandbox/hubspot/portals/${portal.portalId}/forms`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, fields: [{ name: 'onepagepay_payment_id', hidden: true }], submitText: 'Order', inlineMessage: 'Thanks! Your order is in.' }),
  });
  const form = (await res.json()) as { guid: string };
  return { portalId: portal.portalId, formId: form.guid };
}

/** Every live record of a type in a stand-in portal, with all properties and associations. */
export async function hubspotRecords(world: WidgetWorld, portalId: number, type: 'contacts' | 'deals') {
  const res = await fetch(`${world.sandbox.urls.hubspot}/__sandbox/hubspot/portals/${portalId}/objects/${type}`);
  const body = (await res.json()) as { results: Array<{ id: string; archived: boolean; properties: Record<string, string | null>; associations: Record<string, Array<{ id: string }>> }> };
  return body.results.filter((r) => !r.archived);
}

export async function hubspotSubmissions(world: WidgetWorld, portalId: number) {
  const res = await fetch(`${world.sandbox.urls.hubspot}/__sandbox/hubspot/portals/${portalId}/submissions`);
  return ((await res.json()) as { results: Array<{ values: Array<{ name: string; value: string }> }> }).results.map((r) => Object.fromEntries(r.values.map((v) => [v.name, v.value])));
}

/** The demo landing page of the HubSpot stand-in with this HubSpot form and the widget's embed tag. */
export function demoPageUrl(world: WidgetWorld, hubspot: { portalId: number; formId: string }, formId: string): string {
  const q = new URLSearchParams({ portalId: String(hubspot.portalId), formId: hubspot.formId, widget: `${world.baseUrl}/widget.js`, account: world.accountId, form: formId });
  return `${world.sandbox.urls.hubspot}/demo?${q}`;
}

export interface OpenedPage {
  page: Page;
  context: BrowserContext;
  /** Every request the page sent to the app. */
  requests: ServerRequest[];
}

/** A fresh browser context on the URL, recording the requests it sends to the app. */
export async function openPage(world: WidgetWorld, url: string, options: { width?: number; height?: number; locale?: string } = {}): Promise<OpenedPage> {
  const context = await world.browser.newContext({ viewport: { width: options.width ?? 1100, height: options.height ?? 1000 }, locale: options.locale ?? 'en-US' });
  const page = await context.newPage();
  const requests: ServerRequest[] = [];
  page.on('request', (request) => {
    if (request.url().startsWith(world.baseUrl)) requests.push({ method: request.method(), url: request.url(), body: request.postData() ?? '' });
  });
  await page.goto(url);
  return { page, context, requests };
}

/** The n-th widget on the page (its host element; Playwright's CSS pierces its open shadow root). */
export const widget = (page: Page, n = 0): Locator => page.locator('[data-onepagepay-widget]').nth(n);

export const cardFrame = (page: Page, n = 0): FrameLocator => widget(page, n).frameLocator('iframe[title="Secure payment input frame"]');

export async function typeCard(page: Page, number: string, n = 0) {
  const frame = cardFrame(page, n);
  await frame.locator('input[name="cardnumber"]').fill(number);
  await frame.locator('input[name="exp-date"]').fill(`12${String((new Date().getUTCFullYear() + 2) % 100)}`);
  await frame.locator('input[name="cvc"]').fill('123');
}

export async function fillHubSpot(page: Page, contact: { email: string; firstname?: string; lastname?: string }, form: Locator = page.locator('form.hs-form').first()) {
  await form.locator('input[name=email]').fill(contact.email);
  if (contact.firstname) await form.locator('input[name=firstname]').fill(contact.firstname);
  if (contact.lastname) await form.locator('input[name=lastname]').fill(contact.lastname);
}

/** Card data as typed in the tests: none of it may ever appear in a request to the app. */
export const cardDataPattern = /4242\s?4242\s?4242\s?4242|4000\s?0000\s?0000\s?0002|4000\s?0027\s?6000\s?3184|4000\s?0000\s?0000\s?9995|"cvc"|exp_month|exp-date|cardnumber/;

/** Screenshots go to test-results/widget (CI artifacts); `docs/screenshots` holds one committed copy of each state. */
export const screenshotDir = path.resolve('test-results/widget');
mkdirSync(screenshotDir, { recursive: true });

export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: path.join(screenshotDir, `widget-${name}.png`), fullPage: true });
}
