import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintPortal, sdkFor } from '../connections/hubspot-connection-helpers.js';
import { hasChromium } from '../helpers/chromium.js';
import { openDashboard, screenshot, signInInBrowser, startDashboardServer, unlabelledControls, type DashboardServer } from '../dashboard/e2e-server.js';
import { createMerchant, type MerchantFixture } from '../dashboard/merchant-fixture.js';

let server: DashboardServer;
let merchant: MerchantFixture;
let page: Page;
let errors: string[];
/** The "Workshops" pipeline the merchant made in HubSpot, with its stage ids by label. */
let workshops: { id: string; stages: Record<string, string> };

beforeAll(async () => {
  if (!hasChromium) return;
  server = await startDashboardServer();
  merchant = await createMerchant(server.t.app, server.url);
  ({ page, errors } = await openDashboard(server));
});
afterAll(() => server?.close());

const tagOf = (label: string) => page.getByLabel(label, { exact: true }).evaluate((el) => el.tagName);
const optionLabels = (label: string) => page.getByLabel(label, { exact: true }).locator('option').allTextContents();
const savedSync = async () => (await merchant.owner.request('GET', `/api/v1/forms/${merchant.formId}`)).json().sync;

describe.skipIf(!hasChromium)('the form editor’s deal pipeline and stages', () => {
  it('takes ids as text, saying why, while HubSpot is not connected', async () => {
    await page.goto(`/forms/${merchant.formId}`);
    await signInInBrowser(page, merchant.ownerEmail);
    await page.getByRole('heading', { name: 'Class pass', level: 1 }).waitFor();
    await page.getByText('HubSpot is not connected in test mode').waitFor();
    expect(await tagOf('Deal pipeline')).toBe('INPUT');
    expect(await tagOf('Stage when paid')).toBe('INPUT');
  });

  it('offers the connected portal’s pipelines, and a pipeline’s own stages once picked (by keyboard)', async () => {
    const portal = await mintPortal(server.sandbox);
    const created = await sdkFor(server.sandbox, portal.accessToken).crm.pipelines.pipelinesApi.create('deals', {
      label: 'Workshops',
      displayOrder: 1,
      stages: [
        { label: 'Booked', displayOrder: 0, metadata: { isClosed: 'false', probability: '0.5' } },
        { label: 'Attended', displayOrder: 1, metadata: { isClosed: 'true', probability: '1.0' } },
        { label: 'Cancelled', displayOrder: 2, metadata: { isClosed: 'true', probability: '0.0' } },
      ],
    });
    workshops = { id: created.id, stages: Object.fromEntries(created.stages.map((s) => [s.label, s.id])) };
    expect((await merchant.owner.request('PUT', '/api/v1/connections/hubspot/test', { accessToken: portal.accessToken })).statusCode).toBe(200);

    await page.reload();
    const pipeline = page.getByLabel('Deal pipeline', { exact: true });
    expect(await tagOf('Deal pipeline')).toBe('SELECT');
    expect(await optionLabels('Deal pipeline')).toEqual(['Sales Pipeline', 'Workshops']);
    expect(await pipeline.inputValue()).toBe('default');
    expect(await page.getByLabel('Stage when paid').inputValue()).toBe('closedwon');
    expect(await optionLabels('Stage when paid')).toContain('Closed Won');
    expect(await unlabelledControls(page)).toEqual([]);

    await pipeline.focus();
    await page.keyboard.press('ArrowDown');
    expect(await pipeline.inputValue()).toBe(workshops.id);
    expect(await optionLabels('Stage when paid')).toEqual(['Booked', 'Attended', 'Cancelled']);
    // The won stage of the new pipeline replaces closedwon, which it does not have.
    expect(await page.getByLabel('Stage when paid').inputValue()).toBe(workshops.stages.Attended);
    expect(await optionLabels('Stage when fully refunded')).toEqual(['No change', 'Booked', 'Attended', 'Cancelled']);
  });

  it('saves the picked pipeline and stages’ ids with the form', async () => {
    await page.getByLabel('Stage when paid').selectOption({ label: 'Booked' });
    await page.getByLabel('Stage when fully refunded').selectOption({ label: 'Cancelled' });
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Form saved.').waitFor();
    expect(await savedSync()).toMatchObject({ dealPipeline: workshops.id, dealStage: workshops.stages.Booked, refundStage: workshops.stages.Cancelled });
    await screenshot(page, 'dashboard-form-pipelines');

    await page.reload();
    await page.getByLabel('Stage when paid').locator('option', { hasText: 'Booked' }).waitFor({ state: 'attached' });
    expect(await page.getByLabel('Deal pipeline').inputValue()).toBe(workshops.id);
    expect(await page.getByLabel('Stage when paid').inputValue()).toBe(workshops.stages.Booked);
    expect(await page.getByLabel('Stage when fully refunded').inputValue()).toBe(workshops.stages.Cancelled);
  });

  it('falls back to the saved ids as text while HubSpot cannot be reached, and offers to try again', async () => {
    await server.sandbox.setFaults('hubspot', { outage: '503' });
    try {
      await page.reload();
      await page.getByText('Your HubSpot pipelines could not be loaded').waitFor({ timeout: 20_000 });
      expect(await tagOf('Deal pipeline')).toBe('INPUT');
      expect(await page.getByLabel('Deal pipeline').inputValue()).toBe(workshops.id);
      expect(await page.getByLabel('Stage when paid').inputValue()).toBe(workshops.stages.Booked);
    } finally {
      await server.sandbox.setFaults('hubspot', { outage: 'off' });
    }
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.getByLabel('Stage when paid').locator('option', { hasText: 'Booked' }).waitFor({ state: 'attached' });
    expect(await tagOf('Deal pipeline')).toBe('SELECT');
    // The browser logs the 503s it was answered; nothing else went wrong.
    expect(errors.filter((e) => !/status of 503/.test(e))).toEqual([]);
  });
});
