import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startJobs } from '../../src/platform/jobs/boss.js';
import { sandboxUrlsForApp, startSandbox, type RunningSandbox } from '../../src/sandbox/start-sandbox.js';
import { startEmailWorker } from '../../src/email/send-email-job.js';
import { startSyncWorker } from '../../src/sync/sync-worker.js';
import type { Driver } from '../helpers/databases.js';
import { listenOnFreePort, relaxedCheckoutLimits } from '../helpers/checkout.js';
import { launchChromium } from '../helpers/chromium.js';
import { startTestApp, type TestApp } from '../helpers/harness.js';

export interface DashboardServer {
  url: string;
  t: TestApp;
  sandbox: RunningSandbox;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * The built dashboard on a real HTTP server in sandbox mode (PGlite, stand-ins) with the HubSpot
 * sync running as `serve` runs it (polling every 50 ms), receipts sent to the sandbox inbox, and a Chromium.
 */
export async function startDashboardServer(env: Record<string, string> = {}, driver: Driver = 'pglite'): Promise<DashboardServer> {
  // The dashboard and the widget the demo page loads are built once by the suite's global setup (test/e2e/global-setup.ts).
  const sandbox = await startSandbox();
  const { t, url } = await listenOnFreePort((url) =>
    startTestApp(driver, { PUBLIC_URL: url, SYNC_POLL_MS: '50', ...relaxedCheckoutLimits, ...env }, { sandboxUrls: sandboxUrlsForApp(sandbox) }),
  );
  const boss = await startJobs(t.ctx.database, { schedule: false, supervise: false });
  const sync = startSyncWorker(t.ctx, boss);
  // Receipts go to the sandbox inbox, as with `serve` in sandbox mode.
  const email = await startEmailWorker(t.ctx, boss);
  const browser = await launchChromium();
  return {
    url,
    t,
    sandbox,
    browser,
    async close() {
      await browser.close();
      await sync.stop();
      await email.stop();
      await boss.stop({ graceful: true, wait: true, timeout: 5000 });
      await sandbox.close();
      // The stand-ins' webhook deliveries leave keep-alive sockets that would hold close() open.
      t.app.server.closeAllConnections();
      await t.close();
    },
  };
}

/** A browser context on the dashboard that may use the clipboard, failing the test on any page error. */
export async function openDashboard(server: DashboardServer, options: { phone?: boolean } = {}): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await server.browser.newContext({
    baseURL: server.url,
    viewport: options.phone ? { width: 390, height: 844 } : { width: 1280, height: 860 },
    ...(options.phone ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !/status of 4\d\d/.test(msg.text())) errors.push(msg.text());
  });
  return { context, page, errors };
}

export const screenshotDir = path.resolve('test-results/dashboard');

/** Saves a full-page screenshot as a test artifact (test-results/dashboard/<name>.png), without the passing notices. */
export async function screenshot(page: Page, name: string) {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true, style: '.notices { display: none !important; }' });
}

export const password = 'correct horse battery';

/** Signs up through the dashboard's own form; lands on Home. */
export async function signUpInBrowser(page: Page, email: string, names = { name: 'Ada Merchant', accountName: 'Ada Workshops' }) {
  await page.goto('/sign-up');
  await page.getByLabel('Your name').fill(names.name);
  await page.getByLabel('Business name').fill(names.accountName);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { name: `Welcome, ${names.name}` }).waitFor();
}

/** A form in a HubSpot stand-in portal, with the hidden field the widget fills with the payment id. */
export async function createHubSpotForm(server: DashboardServer, portalId: string, name: string): Promise<string> {
  const res = await fetch(`${server.sandbox.urls.hubspot}/__sandbox/hubspot/portals/${portalId}/forms`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, fields: [{ name: 'onepagepay_payment_id', hidden: true }], submitText: 'Sign up and pay' }),
  });
  if (!res.ok) throw new Error(`HubSpot stand-in form: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { guid: string }).guid;
}

/** The HubSpot stand-in's demo landing page with that HubSpot form and the widget of the embed code. */
export function demoPageUrl(server: DashboardServer, hubspot: { portalId: string; formId: string }, embed: { account: string; form: string }): string {
  const query = new URLSearchParams({ portalId: hubspot.portalId, formId: hubspot.formId, widget: `${server.url}/widget.js`, account: embed.account, form: embed.form });
  return `${server.sandbox.urls.hubspot}/demo?${query}`;
}

export async function signInInBrowser(page: Page, email: string) {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/**
 * Every form control on the page has an accessible name (a label, aria-label or aria-labelledby),
 * and so has every button and link; returns the ones that do not.
 */
export async function unlabelledControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const named = (el: Element) =>
      Boolean(el.getAttribute('aria-label')?.trim()) ||
      Boolean(el.getAttribute('aria-labelledby')) ||
      ('labels' in el && (el as HTMLInputElement).labels !== null && (el as HTMLInputElement).labels!.length > 0);
    for (const el of Array.from(document.querySelectorAll('input:not([type=hidden]), select, textarea'))) {
      if (!named(el)) problems.push(el.outerHTML.slice(0, 120));
    }
    for (const el of Array.from(document.querySelectorAll('button, a[href]'))) {
      if (!el.textContent?.trim() && !el.getAttribute('aria-label')) problems.push(el.outerHTML.slice(0, 120));
    }
    return problems;
  });
}
