import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium } from '../helpers/chromium.js';
import { openDashboard, password, screenshot, signInInBrowser, startDashboardServer, type DashboardServer } from '../dashboard/e2e-server.js';
import { payThroughPublicApi } from '../dashboard/buyer.js';
import { addViewer, createMerchant, type MerchantFixture } from '../dashboard/merchant-fixture.js';

let server: DashboardServer;
let merchant: MerchantFixture;

let paymentId: string;

beforeAll(async () => {
  if (!hasChromium) return;
  server = await startDashboardServer();
  merchant = await createMerchant(server.t.app, server.url);
  const paid = await payThroughPublicApi(server, { accountId: merchant.accountId, formId: merchant.formId, email: 'grace@example.com', items: [{ priceId: merchant.priceId, quantity: 2 }] });
  paymentId = paid.id;
});
afterAll(() => server?.close());

/** A state-changing call made from the signed-in page with its own session and CSRF token, as a tampering user would. */
async function callFromPage(page: Page, method: string, path: string, body: unknown) {
  return page.evaluate(
    async ({ method, path, body }) => {
      const { csrfToken } = await (await fetch('/api/v1/auth/csrf')).json();
      const res = await fetch(path, { method, headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken }, body: JSON.stringify(body) });
      return { status: res.status, body: await res.json() };
    },
    { method, path, body },
  );
}

describe.skipIf(!hasChromium)('roles and sessions in the dashboard', () => {
  it('shows a viewer everything but no control that changes anything, and the API refuses them too', async () => {
    const viewer = await addViewer(server.t.app, merchant);
    const { page, context, errors } = await openDashboard(server);
    await page.goto('/products');
    await page.waitForURL(/\/sign-in\?next=%2Fproducts$/);
    await signInInBrowser(page, viewer.email);
    await page.waitForURL(/\/products$/);
    await page.getByRole('link', { name: 'Yoga class' }).waitFor();
    expect(await page.getByRole('button', { name: 'New product' }).count()).toBe(0);

    await page.getByRole('link', { name: 'Yoga class' }).click();
    await page.getByRole('cell', { name: '$25.00 USD' }).waitFor();
    for (const name of ['Edit', 'Archive', 'Add a price', /Edit price/, /Archive price/]) expect(await page.getByRole('button', { name }).count()).toBe(0);

    await page.goto(`/forms/${merchant.formId}`);
    await page.getByRole('heading', { name: 'Class pass', level: 1 }).waitFor();
    expect(await page.getByRole('button', { name: 'Save changes' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Archive' }).count()).toBe(0);
    expect(await page.getByLabel('Form name').isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Copy embed code' }).count()).toBe(1);

    await page.goto(`/transactions/${paymentId}`);
    await page.getByRole('heading', { name: '$50.00 from grace@example.com', level: 1 }).waitFor();
    expect(await page.getByRole('button', { name: 'Refund' }).count()).toBe(0);
    await page.getByRole('region', { name: 'HubSpot', exact: true }).getByText(/Sync pending|Synced|Not synced/).first().waitFor();
    expect(await page.getByRole('button', { name: /Retry/ }).count()).toBe(0);
    const refund = await callFromPage(page, 'POST', `/api/v1/transactions/${paymentId}/refunds`, {});
    expect(refund.status).toBe(403);
    expect(refund.body.error.code).toBe('forbidden');

    await page.goto('/team');
    await page.getByRole('cell', { name: merchant.ownerEmail }).waitFor();
    expect(await page.getByRole('heading', { name: 'Invite someone' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /Remove/ }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Audit log' }).count()).toBe(0);

    const connections = await (async () => {
      await page.goto('/connections');
      await page.getByRole('heading', { name: 'Stripe' }).waitFor();
      return page.getByRole('button', { name: /Disconnect|Use the sandbox|Connect/ }).count();
    })();
    expect(connections).toBe(0);

    const patch = await callFromPage(page, 'PATCH', `/api/v1/products/${merchant.productId}`, { name: 'Hacked' });
    expect(patch.status).toBe(403);
    expect(patch.body.error.code).toBe('forbidden');
    const archive = await callFromPage(page, 'POST', `/api/v1/forms/${merchant.formId}/archive`, {});
    expect(archive.status).toBe(403);
    await screenshot(page, 'dashboard-viewer-connections');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('sends a member whose session expired to sign-in and back to the same page', async () => {
    const { page, context } = await openDashboard(server);
    await page.goto(`/products/${merchant.productId}`);
    await signInInBrowser(page, merchant.ownerEmail);
    await page.getByRole('heading', { name: 'Yoga class' }).waitFor();

    // Idle for longer than SESSION_IDLE_MINUTES, as far as the server can tell.
    await server.t.ctx.database.query(`UPDATE sessions SET last_seen_at = now() - interval '2 hours' WHERE user_id IS NOT NULL`);
    await page.getByRole('button', { name: 'Archive', exact: true }).click();

    await page.waitForURL(/\/sign-in\?/);
    const url = new URL(page.url());
    expect(url.searchParams.get('next')).toBe(`/products/${merchant.productId}`);
    expect(url.searchParams.get('reason')).toBe('expired');
    await page.getByText('Your session ended. Sign in again to continue where you were.').waitFor();
    // Signing in again by keyboard alone.
    await page.getByLabel('Email').focus();
    await page.keyboard.type(merchant.ownerEmail);
    await page.keyboard.press('Tab');
    await page.keyboard.type(password);
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/products/${merchant.productId}$`));
    await page.getByRole('heading', { name: 'Yoga class' }).waitFor();
    // The action that met the expired session did nothing.
    expect(await page.getByText('Active', { exact: true }).count()).toBeGreaterThan(0);
    await context.close();
  });
});
