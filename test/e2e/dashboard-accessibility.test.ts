import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium } from '../helpers/chromium.js';
import { payThroughPublicApi } from '../dashboard/buyer.js';
import { openDashboard, signInInBrowser, startDashboardServer, type DashboardServer } from '../dashboard/e2e-server.js';
import { createMerchant, type MerchantFixture } from '../dashboard/merchant-fixture.js';
import { accessibilityProblems, keyboardProblems, sidewaysScroll } from '../helpers/accessibility.js';

let server: DashboardServer;
let merchant: MerchantFixture;
/** Every screen of the dashboard, with data on it (a paid and a refunded payment, a buyer, a HubSpot connection). */
let screens: string[];
const signedOut = ['/sign-in', '/sign-up', '/forgot-password', '/reset-password#not-a-real-token', '/invite#not-a-real-token'];

beforeAll(async () => {
  if (!hasChromium) return;
  server = await startDashboardServer();
  merchant = await createMerchant(server.t.app, server.url);
  const { owner } = merchant;
  expect((await owner.request('POST', '/api/v1/connections/hubspot/test/sandbox', {})).statusCode).toBe(201);
  const paid = await payThroughPublicApi(server, { accountId: merchant.accountId, formId: merchant.formId, email: 'ada@example.com', items: [{ priceId: merchant.priceId }] });
  expect((await owner.request('POST', `/api/v1/transactions/${paid.id}/refunds`, { amount: 500 })).statusCode).toBe(201);
  await payThroughPublicApi(server, { accountId: merchant.accountId, formId: merchant.formId, email: 'bob@example.com', items: [{ priceId: merchant.priceId }], paymentMethod: 'pm_card_chargeDeclined' });
  const contact = (await owner.request('GET', '/api/v1/contacts')).json().data[0].id as string;
  screens = [
    '/',
    '/transactions',
    `/transactions/${paid.id}`,
    '/contacts',
    `/contacts/${contact}`,
    '/products',
    `/products/${merchant.productId}`,
    '/forms',
    '/forms/new',
    `/forms/${merchant.formId}`,
    '/connections',
    '/sync',
    '/team',
    '/audit-log',
    '/search?q=ada',
    '/team/no-such-page',
  ];
}, 120_000);
afterAll(() => server?.close());

/** Opens a screen and waits until it has drawn its data (its heading, no loading state left). */
async function open(page: Page, path: string) {
  await page.goto(path);
  await page
    .getByRole('heading', { level: 1 })
    .first()
    .waitFor({ timeout: 10_000 })
    .catch(() => {
      throw new Error(`${path} shows no heading`);
    });
  await page.waitForFunction(() => !document.querySelector('.state-loading'));
}

describe.skipIf(!hasChromium)('every dashboard screen is accessible', () => {
  /** axe-core's serious or critical violations, and content wider than the window, at a desktop's width then at a phone's (one load of the screen). */
  async function problemsAtBothWidths(page: Page, path: string, found: Record<string, unknown>) {
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 800 });
      await page.evaluate(() => new Promise(requestAnimationFrame));
      const problems = [...(await accessibilityProblems(page)), ...(await sidewaysScroll(page))];
      if (problems.length) found[`${path} at ${width} px`] = problems;
    }
  }

  it('has no serious or critical axe-core violation on a desktop and at a phone’s 375 px, and nothing scrolls sideways', async () => {
    const { context, page, errors } = await openDashboard(server);
    const found: Record<string, unknown> = {};
    for (const path of signedOut) {
      await open(page, path);
      await problemsAtBothWidths(page, path, found);
    }
    await open(page, '/sign-in');
    await signInInBrowser(page, merchant.ownerEmail);
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
    for (const path of screens) {
      await open(page, path);
      await problemsAtBothWidths(page, path, found);
    }
    expect(found).toEqual({});
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);

  it('reaches every control by keyboard, each showing where the focus is', async () => {
    const { context, page } = await openDashboard(server);
    await open(page, '/sign-in');
    const found: Record<string, unknown> = {};
    const signInProblems = await keyboardProblems(page);
    if (signInProblems.length) found['/sign-in'] = signInProblems;
    await signInInBrowser(page, merchant.ownerEmail);
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
    for (const path of screens) {
      await open(page, path);
      const problems = await keyboardProblems(page);
      if (problems.length) found[path] = problems;
    }
    expect(found).toEqual({});
    await context.close();
  }, 180_000);
});
