import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium } from '../helpers/chromium.js';
import { uniqueEmail } from '../helpers/harness.js';
import { payThroughPublicApi } from '../dashboard/buyer.js';
import { createHubSpotForm, demoPageUrl, openDashboard, screenshot, signUpInBrowser, startDashboardServer, unlabelledControls, type DashboardServer } from '../dashboard/e2e-server.js';

let server: DashboardServer;
let page: Page;
let errors: string[];
/** What the merchant copied: the embed snippet names the account and the payment form. */
let copied: { account: string; form: string };
let hubspotForm: { portalId: string; formId: string };

beforeAll(async () => {
  if (!hasChromium) return;
  server = await startDashboardServer();
  ({ page, errors } = await openDashboard(server));
});
afterAll(() => server?.close());

const step = (id: string) => page.locator(`[data-step="${id}"]`);

describe.skipIf(!hasChromium)('a merchant’s journey: set up, a buyer pays, find, refund', () => {
  it('signs up and sees the onboarding checklist in test mode', async () => {
    await page.goto('/');
    await page.waitForURL(/\/sign-in$/);
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByText('At least 10 characters').waitFor();
    await signUpInBrowser(page, uniqueEmail('merchant'));
    await page.getByRole('heading', { name: 'Get set up' }).waitFor();
    expect(await page.getByRole('note', { name: 'Test mode' }).textContent()).toContain('you are viewing test data');
    expect(await page.getByRole('switch', { name: 'Test mode' }).getAttribute('aria-checked')).toBe('true');
    for (const id of ['stripe', 'hubspot', 'product', 'form', 'embed']) expect(await step(id).textContent()).toContain('Not done');
    await screenshot(page, 'dashboard-onboarding');
  });

  it('connects the sandbox Stripe in one click', async () => {
    await step('stripe').getByRole('button', { name: 'Use the sandbox' }).click();
    await step('stripe').getByText('Done', { exact: true }).waitFor();
  });

  it('connects HubSpot through HubSpot’s consent page (OAuth)', async () => {
    await step('hubspot').getByRole('link', { name: 'Connect HubSpot' }).click();
    await page.getByRole('heading', { name: 'Connections', level: 1 }).waitFor();
    const hubspot = page.getByRole('region', { name: 'HubSpot' });
    await hubspot.getByRole('button', { name: 'Connect with HubSpot' }).first().click();
    await page.waitForURL(/\/oauth\/authorize\?/);
    await page.getByRole('button', { name: 'Authorize' }).click();
    await page.waitForURL(/\/connections$/);
    await page.getByText('HubSpot connected in test mode.').waitFor();
    const testPanel = hubspot.locator('.mode-panel-current');
    await testPanel.getByText('Connected', { exact: true }).waitFor();
    expect(await testPanel.textContent()).toMatch(/HubSpot account\d+.*· OAuth/);
    // The portal's API usage as the sync counts it, with an OAuth app's own limit (110 per 10 s).
    expect(await testPanel.locator('[data-hubspot-usage]').textContent()).toMatch(/^\d[\d,]* calls today \(UTC\) of 225,000 · \d+ in the last 10 s of 110$/);
    // PayPal too, in one click: a sandbox app at the stand-in.
    const paypal = page.getByRole('region', { name: 'PayPal' }).locator('.mode-panel-current');
    await paypal.getByRole('button', { name: 'Use the sandbox' }).click();
    await page.getByText('A sandbox PayPal app is connected in test mode.').waitFor();
    await paypal.getByText('Connected', { exact: true }).waitFor();
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'dashboard-connections');
    await page.getByRole('link', { name: 'Home' }).click();
    await step('hubspot').getByText('Done', { exact: true }).waitFor();
  });

  it('creates a product with a price', async () => {
    await step('product').getByRole('link', { name: 'Create a product' }).click();
    await page.getByLabel('Name').fill('Workshop ticket');
    await page.getByLabel('Description (optional)').fill('A day of hands-on practice');
    await page.getByRole('button', { name: 'Create product' }).click();
    await page.getByRole('heading', { name: 'Workshop ticket' }).waitFor();
    await page.getByLabel('Amount (USD)').fill('49.5');
    await page.getByLabel('Most per purchase').fill('5');
    await page.getByLabel('Label (optional)').fill('Early bird');
    await page.getByRole('button', { name: 'Add price' }).click();
    await page.getByRole('cell', { name: '$49.50 USD' }).waitFor();
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'dashboard-product');
  });

  it('creates a payment form and copies its embed code', async () => {
    await page.getByRole('link', { name: 'Payment forms' }).click();
    await page.getByRole('link', { name: 'New form' }).first().click();
    await page.getByLabel('Form name').fill('Summer workshop');
    await page.getByLabel(/Workshop ticket — \$49\.50/).check();
    expect(await page.getByLabel('Preview of the payment form').textContent()).toContain('Pay $49.50');
    await page.getByRole('radio', { name: 'Show my message' }).check();
    await page.getByLabel('Success message').fill('See you at the workshop!');
    await page.getByRole('button', { name: 'Create form' }).click();
    await page.getByRole('heading', { name: 'Summer workshop', level: 1 }).waitFor();
    const embed = await page.getByLabel(/Embed code/).inputValue();
    // The three ways to use the form: next to a HubSpot form, standalone, the hosted link.
    expect(await page.getByLabel(/Standalone code/).inputValue()).toMatch(/^<div data-onepagepay-form data-account="[0-9a-f]{32}" data-form="form_\w{24}"><\/div>\n<script src="[^"]+\/widget\.js" async><\/script>$/);
    expect(await page.getByLabel(/Hosted payment link/).inputValue()).toMatch(/\/pay\/[0-9a-f]{32}\/form_\w{24}$/);
    expect(embed).toMatch(new RegExp(`^<script src="${server.url}/widget.js" data-account="[0-9a-f]{32}" data-form="form_[A-Za-z0-9]{24}" async></script>$`));
    await page.getByRole('button', { name: 'Copy embed code' }).click();
    await page.getByText('Copied to the clipboard.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(embed);
    copied = { account: /data-account="([0-9a-f]{32})"/.exec(embed)![1], form: /data-form="(form_\w+)"/.exec(embed)![1] };
    // The receipt its buyers will get, previewed in each language the widget speaks.
    await page.getByRole('button', { name: 'Preview the receipt' }).click();
    expect(await page.locator('[data-receipt-preview] pre').textContent()).toMatch(/Paid with: Visa •••• 4242/);
    await page.getByLabel('Language').selectOption('fr');
    await expect.poll(() => page.locator('[data-receipt-preview] strong').textContent()).toMatch(/^\[Test\] Votre reçu de /);
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'dashboard-form');
  });

  it('shows the setup steps done on Home, which appears whole: nothing on it still loading', async () => {
    await page.goto('/');
    await page.getByRole('heading', { name: /^Welcome/, level: 1 }).waitFor();
    expect(await page.evaluate(() => ({ spinners: document.querySelectorAll('.state-loading').length, checklist: document.querySelectorAll('[data-step]').length, recent: Boolean(document.getElementById('recent-title')) }))).toEqual({
      spinners: 0,
      checklist: 6,
      recent: true,
    });
    for (const id of ['stripe', 'hubspot', 'paypal', 'product', 'form', 'embed']) await step(id).getByText('Done', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Hide checklist' }).waitFor();
  });

  it('switches to live mode: the test banner goes and every list shows live data only', async () => {
    await page.getByRole('link', { name: 'Products' }).click();
    await page.getByRole('link', { name: 'Workshop ticket' }).waitFor();
    await page.getByRole('switch', { name: 'Test mode' }).click();
    await page.getByText('No products yet').waitFor();
    expect(await page.getByRole('switch', { name: 'Test mode' }).getAttribute('aria-checked')).toBe('false');
    expect(await page.getByRole('note', { name: 'Test mode' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Payment forms' }).click();
    await page.getByText('No payment forms yet').waitFor();
    await page.getByRole('link', { name: 'Home' }).click();
    await step('stripe').getByText('Not done', { exact: true }).waitFor();
    await page.getByRole('switch', { name: 'Test mode' }).click();
    await page.getByRole('note', { name: 'Test mode' }).waitFor();
    await step('stripe').getByText('Done', { exact: true }).waitFor();
  });

  it('is usable at phone width: the navigation folds behind a Menu button and nothing scrolls sideways', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/forms');
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.isVisible()).toBe(false);
    await page.getByRole('button', { name: 'Menu' }).click();
    expect(await page.getByRole('button', { name: 'Menu' }).getAttribute('aria-expanded')).toBe('true');
    await screenshot(page, 'dashboard-phone-menu');
    await nav.getByRole('link', { name: 'Products' }).click();
    await page.getByRole('heading', { name: 'Products', level: 1 }).waitFor();
    expect(await nav.isVisible()).toBe(false);
    await page.getByRole('link', { name: 'Workshop ticket' }).click();
    await page.getByRole('heading', { name: 'Workshop ticket', level: 1 }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await page.getByRole('switch', { name: 'Test mode' }).isVisible()).toBe(true);
    await screenshot(page, 'dashboard-phone-product');
    // The transaction filters fold behind "Filters" on a phone.
    await page.goto('/transactions');
    await page.getByRole('heading', { name: 'Transactions', level: 1 }).waitFor();
    expect(await page.getByLabel('Buyer email').isVisible()).toBe(false);
    await page.getByText('Filters', { exact: true }).click();
    expect(await page.getByLabel('Buyer email').isVisible()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(errors).toEqual([]);
  });
  it('binds the payment form to a HubSpot form of the connected portal, or one it creates there (sandbox portal)', async () => {
    await page.setViewportSize({ width: 1280, height: 860 });
    const connections = await page.evaluate(async () => (await (await fetch('/api/v1/connections')).json()).data as Array<{ provider: string; mode: string; hubspot: { portalId: string } | null }>);
    const portalId = connections.find((c) => c.provider === 'hubspot' && c.mode === 'test')!.hubspot!.portalId;
    const madeInHubSpot = await createHubSpotForm(server, portalId, 'Workshop sign-up');
    await page.goto(`/forms/${copied.form}`);
    // Picked from the connected portal's forms: the portal id and the form id follow.
    const picker = page.getByLabel('HubSpot form', { exact: true });
    await picker.selectOption({ label: 'Workshop sign-up' });
    expect(await page.getByLabel('Portal id').inputValue()).toBe(portalId);
    expect(await page.getByLabel('HubSpot form id').inputValue()).toBe(madeInHubSpot);
    // Or made in the sandbox portal from here, ready for the widget, and picked: the buyer pays through it next.
    await page.getByRole('button', { name: 'Create a sandbox HubSpot form' }).click();
    await page.getByText(/^HubSpot form ".+" created in the sandbox portal\.$/).waitFor();
    await expect.poll(() => page.getByLabel('HubSpot form id').inputValue()).not.toBe(madeInHubSpot);
    const formId = await page.getByLabel('HubSpot form id').inputValue();
    await expect.poll(() => picker.inputValue()).toBe(formId);
    expect(await page.getByLabel('Portal id').inputValue()).toBe(portalId);
    hubspotForm = { portalId, formId };
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Form saved.').waitFor();
    expect(await page.evaluate(async (id) => (await (await fetch(`/api/v1/forms/${id}`)).json()).hubspot, copied.form)).toMatchObject({ portalId, formId });
  });

  it('a buyer pays on the demo page with the copied embed code', async () => {
    const buyer = await server.browser.newContext({ viewport: { width: 1100, height: 1000 } });
    const demo = await buyer.newPage();
    await demo.goto(demoPageUrl(server, hubspotForm, copied));
    const widget = demo.locator('[data-onepagepay-widget]');
    const card = widget.frameLocator('iframe[title="Secure payment input frame"]');
    await card.locator('input[name="cardnumber"]').waitFor();
    await demo.locator('form.hs-form input[name=email]').fill('ada@example.com');
    await demo.locator('form.hs-form input[name=firstname]').fill('Ada');
    await card.locator('input[name="cardnumber"]').fill('4242 4242 4242 4242');
    await card.locator('input[name="exp-date"]').fill(`12${String((new Date().getUTCFullYear() + 2) % 100)}`);
    await card.locator('input[name="cvc"]').fill('123');
    await screenshot(demo, 'dashboard-demo-page');
    await demo.click('form.hs-form input[type=submit]');
    await widget.locator('[data-onepagepay-paid]').waitFor({ state: 'attached', timeout: 20_000 });
    await buyer.close();
  });

  it('finds the payment with the filters applied, with totals, chart and CSV export', async () => {
    await page.getByRole('link', { name: 'Transactions' }).click();
    await page.getByRole('heading', { name: 'Transactions', level: 1 }).waitFor();
    // The currency choice lists the currencies in use; amounts are asked only once one is chosen, in it.
    const currencySelect = page.getByLabel('Currency', { exact: true });
    await expect.poll(() => currencySelect.locator('option').allTextContents()).toEqual(['Any currency', 'USD']);
    expect(await page.getByLabel(/Smallest amount/).count()).toBe(0);
    await currencySelect.selectOption('usd');
    await page.getByLabel('Smallest amount (USD)').waitFor();
    await currencySelect.selectOption('');
    await expect.poll(() => page.getByLabel('Product').locator('option').allTextContents()).toEqual(['Any product', 'Workshop ticket']);
    await page.getByLabel('Product').selectOption({ label: 'Workshop ticket' });
    await page.getByLabel('Buyer email').fill('ada@');
    await page.getByRole('checkbox', { name: 'Succeeded' }).check();
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/\/transactions\?productId=prod_\w+&email=ada%40&status=succeeded$/);
    const row = page.getByRole('link', { name: '$49.50 from ada@example.com, succeeded' });
    await row.waitFor();
    expect(await page.getByRole('region', { name: 'Totals of the filtered transactions' }).textContent()).toContain('Net revenue (USD)$49.50');
    await page.getByRole('heading', { name: 'Revenue over time' }).waitFor();
    await screenshot(page, 'dashboard-transactions');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^transactions-test-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await file.path())!, 'utf8');
    expect(csv.trim().split('\n')).toHaveLength(2);
    expect(csv).toContain('ada@example.com');

    // Another buyer's email or status hides it.
    await page.getByLabel('Buyer email').fill('bob@');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByText('No transactions match these filters').waitFor();
    await page.goBack();
    await row.click();
  });

  it('opens the transaction, refunds part of it and sees the refund and the HubSpot side', async () => {
    await page.getByRole('heading', { name: '$49.50 from ada@example.com', level: 1 }).waitFor();
    expect(await page.getByRole('region', { name: 'Line items' }).textContent()).toContain('Workshop ticket');
    expect(await page.locator('[data-payment-method]').textContent()).toBe('Paid with Visa •••• 4242');
    expect(await page.getByRole('region', { name: 'Stripe', exact: true }).textContent()).toMatch(/PaymentIntentpi_/);
    const hubspot = page.getByRole('region', { name: 'HubSpot', exact: true });
    await hubspot.getByText('Synced', { exact: true }).waitFor({ timeout: 20_000 });
    expect(await hubspot.textContent()).toMatch(/Contact \d+.*Deal \d+/);
    // "View in HubSpot" for a sandbox portal opens the stand-in's read-only CRM view of the deal.
    const [crm] = await Promise.all([page.context().waitForEvent('page'), hubspot.getByRole('link', { name: /^Deal \d+/ }).click()]);
    await crm.getByRole('heading', { name: 'Associations' }).waitFor();
    expect(await crm.locator('body').textContent()).toMatch(/onepagepay_payment_id/);
    expect(await crm.getByRole('link', { name: /ada@example\.com|Ada/ }).count()).toBeGreaterThan(0);
    await crm.close();
    await page.getByRole('button', { name: 'Refund' }).click();
    const dialog = page.getByRole('dialog', { name: 'Refund this payment' });
    await dialog.getByRole('radio', { name: 'Part of it' }).check();
    await dialog.getByLabel('Amount to refund (USD)').fill('10');
    await dialog.getByRole('button', { name: 'Refund $10.00' }).click();
    await page.getByRole('region', { name: 'Refunds' }).getByText('$10.00').waitFor();
    await page.getByText('Partially refunded', { exact: true }).first().waitFor();
    expect(await page.getByRole('region', { name: 'Line items' }).textContent()).toContain('Refunded−$10.00');
    // The refund is synced too: the state goes back to Synced once HubSpot shows it.
    await hubspot.getByText('Synced', { exact: true }).waitFor({ timeout: 20_000 });

    // Stripe's fee and what the merchant keeps, as its balance transaction says.
    const transactionId = page.url().split('/').pop()!;
    const settlement = await page.evaluate(async (id) => (await (await fetch(`/api/v1/transactions/${id}`)).json()).settlement, transactionId);
    expect(settlement.fee + settlement.net).toBe(4950);
    const amounts = await page.getByRole('region', { name: 'Amounts' }).textContent();
    expect(amounts).toContain(`Fee$${(settlement.fee / 100).toFixed(2)}`);
    expect(amounts).toContain(`Net$${(settlement.net / 100).toFixed(2)}`);
    // What happened, in order; the receipts land in the sandbox inbox and show on the timeline once sent.
    const timeline = page.getByRole('region', { name: 'Timeline' });
    await expect
      .poll(async () => ((await page.reload(), await timeline.textContent()) ?? '').includes('Refund receipt emailed to ada@example.com'), { timeout: 20_000 })
      .toBe(true);
    const steps = await timeline.getByRole('listitem').allTextContents();
    const at = (words: string) => steps.findIndex((s) => s.includes(words));
    for (const words of ['Payment of $49.50 started', 'Payment succeeded', 'Refund of $10.00 asked for', 'Stripe sent payment_intent.succeeded', 'Synced to HubSpot', 'Receipt emailed to ada@example.com', 'Refund of $10.00 went through']) {
      expect(at(words), words).toBeGreaterThanOrEqual(0);
    }
    expect(at('Payment of $49.50 started')).toBe(0);
    expect(at('Payment succeeded')).toBeLessThan(at('Refund of $10.00 asked for'));
    expect(at('Refund of $10.00 asked for')).toBeLessThan(at('Refund of $10.00 went through'));
    const inbox = server.sandbox.mail.messages().filter((m) => m.to.includes('ada@example.com'));
    expect(inbox.map((m) => m.subject)).toEqual(expect.arrayContaining([expect.stringMatching(/Your receipt from .+: \$49\.50$/), expect.stringMatching(/Your refund from .+: \$10\.00$/)]));
    await screenshot(page, 'dashboard-transaction');
  });

  it('lists the buyer as a contact with what they kept', async () => {
    await page.getByRole('link', { name: 'Contacts' }).click();
    const row = page.getByRole('row', { name: /ada@example\.com/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('$39.50');
    await row.getByRole('link').click();
    await page.getByRole('heading', { name: 'Ada Buyer', level: 1 }).or(page.getByRole('heading', { name: /Ada/, level: 1 })).waitFor();
    expect(await page.getByRole('table', { name: /Transactions of ada@example.com/ }).textContent()).toContain('$49.50');
    expect(errors).toEqual([]);
  });
  it('finds the buyer from the search box, and a payment by its id straight away', async () => {
    const search = page.getByRole('searchbox', { name: 'Search payments and contacts' });
    await search.fill('ada@example.com');
    await search.press('Enter');
    const results = page.getByRole('list', { name: 'Search results' });
    await results.waitFor();
    await results.getByRole('link', { name: /ada@example\.com/ }).first().click();
    await page.waitForURL(/\/contacts\/ct_/);
    const paymentId = await page.evaluate(async () => ((await (await fetch('/api/v1/transactions?email=ada@example.com')).json()).data[0] as { id: string }).id);
    await search.fill(paymentId);
    await search.press('Enter');
    await page.waitForURL(new RegExp(`/transactions/${paymentId}$`));
    // And by Stripe's PaymentIntent id, as a merchant copies it from Stripe's dashboard or an email.
    const paymentIntentId = await page.evaluate(async (id) => (await (await fetch(`/api/v1/transactions/${id}`)).json()).stripe.paymentIntentId as string, paymentId);
    await page.getByRole('link', { name: 'Home' }).click();
    await search.fill(paymentIntentId);
    await search.press('Enter');
    await page.waitForURL(new RegExp(`/transactions/${paymentId}$`));
  });

  it('lists syncs HubSpot refused, with the reason; one is fixed by correcting the email, the rest by Retry all', async () => {
    // The editor offers only the portal's own stages: this one stands for a stage picked once and since deleted in HubSpot.
    const patched = await page.evaluate(async (id) => {
      const { csrfToken } = await (await fetch('/api/v1/auth/csrf')).json();
      const body = JSON.stringify({ sync: { dealStage: 'no-such-stage' } });
      return (await fetch(`/api/v1/forms/${id}`, { method: 'PATCH', headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken }, body })).status;
    }, copied.form);
    expect(patched).toBe(200);
    // A buyer whose address HubSpot refuses (its domain ends in a digit), and one whose deal stage it refuses.
    const item = { priceId: (await page.evaluate(async (id) => (await (await fetch(`/api/v1/forms/${id}`)).json()).items[0].priceId, copied.form)) as string };
    await payThroughPublicApi(server, { accountId: copied.account, formId: copied.form, email: 'bob@example.c0m', firstName: 'Bob', items: [item] });
    await payThroughPublicApi(server, { accountId: copied.account, formId: copied.form, email: 'carol@example.com', firstName: 'Carol', items: [item] });

    // The list is what had failed when the page was opened: open it once HubSpot has refused both.
    const failed = () => page.evaluate(async () => (await (await fetch('/api/v1/sync/failures')).json()).data.length as number);
    await expect.poll(failed, { timeout: 20_000 }).toBe(2);
    await page.getByRole('link', { name: 'HubSpot sync' }).click();
    const bob = page.getByRole('row', { name: /bob@example\.c0m/ });
    const carol = page.getByRole('row', { name: /carol@example\.com/ });
    await carol.waitFor();
    expect(await bob.count()).toBe(1);
    expect(await bob.textContent()).toContain('HubSpot would refuse the buyer\'s email address "bob@example.c0m"');
    expect(await carol.textContent()).toContain('deal\'s pipeline or stage');
    await screenshot(page, 'dashboard-sync');

    await page.goto(`/forms/${copied.form}`);
    const stage = page.getByLabel('Stage when paid');
    await stage.locator('option', { hasText: 'no-such-stage (not in HubSpot)' }).waitFor({ state: 'attached' });
    expect(await stage.inputValue()).toBe('no-such-stage');
    await stage.selectOption({ label: 'Closed Won' });
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Form saved.').waitFor();
    expect(await page.evaluate(async (id) => (await (await fetch(`/api/v1/forms/${id}`)).json()).sync.dealStage, copied.form)).toBe('closedwon');
    await page.getByRole('link', { name: 'HubSpot sync' }).click();
    await bob.getByLabel('Buyer email for HubSpot').fill('bob@example.com');
    await bob.getByRole('button', { name: 'Correct and retry' }).click();
    await page.getByText('Sync started again.').waitFor();
    await page.getByRole('button', { name: 'Retry all' }).click();
    await page.getByRole('dialog', { name: 'Retry every failed sync?' }).getByRole('button', { name: 'Retry all' }).click();
    await page.getByText('1 payment will sync again.').waitFor();
    await page.getByText('No failed syncs').waitFor();

    await page.getByRole('link', { name: 'Transactions' }).click();
    await page.getByRole('link', { name: /from carol@example\.com/ }).click();
    await page.getByRole('region', { name: 'HubSpot', exact: true }).getByText('Synced', { exact: true }).waitFor({ timeout: 20_000 });

    await page.getByRole('link', { name: 'Home' }).click();
    const recent = page.getByRole('region', { name: 'Last 30 days' });
    await recent.getByRole('link', { name: /from carol@example\.com/ }).waitFor();
    expect(await recent.getByRole('region', { name: 'Totals of the filtered transactions' }).textContent()).toContain('Transactions3');
    await screenshot(page, 'dashboard-home');
    expect(errors).toEqual([]);
  });

  it('chooses the emails to get about the account on the Team screen', async () => {
    await page.getByRole('link', { name: 'Team' }).click();
    const choices = page.getByRole('region', { name: 'Your email notifications' });
    const alerts = choices.getByRole('checkbox', { name: /An alert when payments start failing to sync/ });
    const save = '**/api/v1/me/notifications';

    // A failed save: the box shows the click while it is saved, then the saved choice again, with the reason.
    await page.route(save, (route) =>
      route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { code: 'unavailable', message: 'Try again in a moment.' } }) }),
    );
    await alerts.click();
    await choices.getByRole('alert').getByText('Try again in a moment.').waitFor();
    expect(await alerts.isChecked()).toBe(false);
    await page.unroute(save);
    expect(errors.splice(0)).toEqual(['Failed to load resource: the server responded with a status of 503 (Service Unavailable)']);

    // The box is checked from the click on, while the server has not answered yet.
    let answer!: () => void;
    const held = new Promise<void>((resolve) => (answer = resolve));
    await page.route(save, async (route) => {
      await held;
      await route.continue();
    });
    await alerts.check();
    await expect.poll(() => alerts.isDisabled()).toBe(true); // no second click while the first is saved
    expect(await alerts.isChecked()).toBe(true);
    answer();
    await page.getByText('Your email notifications are saved.').waitFor();
    await page.unroute(save);
    expect(await alerts.isChecked()).toBe(true);
    expect(await page.evaluate(async () => (await (await fetch('/api/v1/me')).json()).notifications)).toEqual({ dailySummary: false, syncFailures: true });
    await page.reload();
    expect(await choices.getByRole('checkbox', { name: /An alert when payments start failing to sync/ }).isChecked()).toBe(true);
    expect(await choices.getByRole('checkbox', { name: /A daily summary/ }).isChecked()).toBe(false);
    await screenshot(page, 'dashboard-team');
    expect(errors).toEqual([]);
  });
});
