import type { ConsoleMessage, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityProblems } from '../helpers/accessibility.js';
import { hasChromium } from '../helpers/chromium.js';
import { cardDataPattern, cardFrame, openPage, paymentForm, price, screenshot, startWidgetWorld, typeCard, widget, type ServerRequest, type WidgetWorld } from '../widget/browser-world.js';

/** The hosted payment page and the widget's standalone mode: the widget collects the buyer's details itself. */
let world: WidgetWorld;
let tee: string;
let tip: string;
const allRequests: ServerRequest[] = [];

async function transaction(id: string) {
  const { rows } = await world.app.ctx.database.query<{ status: string; amount: number; email: string; first_name: string }>(
    'SELECT t.status, t.amount, c.email, c.first_name FROM transactions t JOIN contacts c ON c.id = t.contact_id WHERE t.id = $1',
    [id],
  );
  return rows[0];
}

/** The payment id the widget announces with its `onepagepay:paid` event. */
async function paidEvent(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { paid?: string[] };
    w.paid = [];
    document.addEventListener('onepagepay:paid', (e) => w.paid!.push((e as CustomEvent<{ paymentId: string }>).detail.paymentId));
  });
}
const paidIds = (page: Page) => page.evaluate(() => (window as unknown as { paid: string[] }).paid);

describe.skipIf(!hasChromium)('hosted payment page and standalone widget', () => {
  beforeAll(async () => {
    world = await startWidgetWorld({ email: true });
    tee = await price(world, 'Classic Tee', { type: 'fixed', unitAmount: 2500, maxQuantity: 3 });
    tip = await price(world, 'Tip for the team', { type: 'custom', minAmount: 100, maxAmount: 5000 });
  });
  afterAll(async () => {
    await world?.close();
  });

  it('the hosted page takes a payment under its strict CSP, without any HubSpot script', async () => {
    const formId = await paymentForm(world, { name: 'Tee and a tip', items: [{ priceId: tee }, { priceId: tip }], selection: 'pick_many', successMessage: 'Thanks for your order!' });
    const violations: string[] = [];
    const { page, context, requests } = await openPage(world, `${world.baseUrl}/pay/${world.accountId}/${formId}`);
    page.on('console', (m: ConsoleMessage) => {
      if (/Content Security Policy|Refused to/.test(m.text())) violations.push(m.text());
    });
    await paidEvent(page);
    await widget(page).locator('iframe[title="Secure payment input frame"]').waitFor();
    expect(await page.title()).toBe('Tee and a tip');
    expect(await page.locator('script[src*="hsforms"], script[src*="/forms/embed"]').count()).toBe(0);

    await widget(page).getByRole('button', { name: /^Pay/ }).click(); // nothing chosen yet
    await expect.poll(() => widget(page).locator('[role=alert]').textContent()).toBe('Choose at least one item.');
    await widget(page).getByLabel(/Classic Tee/).check();
    await widget(page).getByLabel(/Tip for the team/).check();
    await widget(page).getByLabel('Amount (EUR)').fill('7,50');
    await expect.poll(() => widget(page).locator('[data-onepagepay-total]').textContent()).toBe('€32.50');
    await widget(page).getByLabel('Email').fill('ada@example.com');
    await widget(page).getByLabel('First name').fill('Ada');
    await typeCard(page, '4242424242424242');
    await screenshot(page, 'hosted');
    await widget(page).getByRole('button', { name: 'Pay €32.50' }).click();
    await expect.poll(() => widget(page).locator('[data-onepagepay-paid]').textContent(), { timeout: 15_000 }).toBe('Thanks for your order!');
    await screenshot(page, 'hosted-paid');

    const [paymentId] = await paidIds(page);
    expect(await transaction(paymentId)).toMatchObject({ status: 'succeeded', amount: 3250, email: 'ada@example.com', first_name: 'Ada' });
    expect(violations).toEqual([]);

    // The buyer's receipt lands in the sandbox inbox (no mail leaves the machine).
    const inbox = () => world.sandbox.mail.messages();
    await expect.poll(async () => inbox().filter((m) => m.to.includes('ada@example.com')).length, { timeout: 15_000 }).toBe(1);
    const [receipt] = inbox().filter((m) => m.to.includes('ada@example.com'));
    expect(receipt!.subject).toMatch(/^\[Test\] Your receipt from .+: €32\.50$/);
    expect(receipt!.text).toContain('Paid with: Visa •••• 4242');
    expect(receipt!.text).toContain(`Reference: ${paymentId}`);
    const inboxPage = await context.newPage();
    await inboxPage.goto(world.sandbox.mail.url);
    await inboxPage.getByRole('heading', { name: receipt!.subject }).waitFor();
    await screenshot(inboxPage, 'sandbox-inbox');
    allRequests.push(...requests);
    await context.close();
  });

  it('standalone mode on a merchant page renders its own email and name fields and pays (in French)', async () => {
    const formId = await paymentForm(world, { name: 'Don', items: [{ priceId: tip }], selection: 'fixed' });
    const html = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Soutenir</title>
<style>body{font-family:Georgia,serif} input{border:5px solid red!important} .s,.o,.pay{display:none!important}</style></head><body>
<h1>Soutenez-nous</h1>
<div data-onepagepay-form data-account="${world.accountId}" data-form="${formId}"></div>
<script src="${world.baseUrl}/widget.js" async></script>
</body></html>`;
    const { page, context, requests } = await openPage(world, world.merchantPage(html), { locale: 'fr-FR' });
    await paidEvent(page);
    await widget(page).locator('iframe[title="Secure payment input frame"]').waitFor();
    // The page's own CSS (which hides .s/.pay and puts red borders on inputs) does not reach into the widget.
    expect(await widget(page).getByRole('button', { name: /^Payer/ }).isVisible()).toBe(true);
    expect(await widget(page).getByLabel('E-mail').evaluate((el) => getComputedStyle(el).borderTopColor)).not.toBe('rgb(255, 0, 0)');

    await widget(page).getByLabel('Montant (EUR)').fill('12,5');
    await expect.poll(() => widget(page).locator('[data-onepagepay-total]').textContent()).toMatch(/^12,50\s€$/);
    await widget(page).getByRole('button', { name: /^Payer/ }).click();
    await expect.poll(() => widget(page).getByLabel('E-mail').getAttribute('aria-invalid')).toBe('true');
    expect(await widget(page).locator('[role=alert]').textContent()).toBe('Saisissez une adresse e-mail valide.');
    await widget(page).getByLabel('E-mail').fill('marie@example.com');
    await widget(page).getByLabel('Nom', { exact: true }).fill('Curie');
    await typeCard(page, '4242424242424242');
    await screenshot(page, 'standalone-fr');
    await widget(page).getByRole('button', { name: /^Payer/ }).click();
    await expect.poll(() => widget(page).locator('[data-onepagepay-paid]').textContent(), { timeout: 15_000 }).toBe('Paiement reçu. Merci !');
    const [paymentId] = await paidIds(page);
    expect(await transaction(paymentId)).toMatchObject({ status: 'succeeded', amount: 1250, email: 'marie@example.com' });
    // The receipt is in the language the buyer saw the form in.
    const inbox = () => world.sandbox.mail.messages();
    await expect.poll(async () => inbox().find((m) => m.to.includes('marie@example.com'))?.subject, { timeout: 15_000 }).toMatch(/^\[Test\] Votre reçu de .+ : 12,50\s€$/);
    allRequests.push(...requests);
    await context.close();
  });

  it('works with the keyboard alone, at a phone’s width, and announces errors', async () => {
    const formId = await paymentForm(world, { name: 'Tee', items: [{ priceId: tee }], selection: 'fixed' });
    const { page, context, requests } = await openPage(world, `${world.baseUrl}/pay/${world.accountId}/${formId}`, { width: 360 });
    await paidEvent(page);
    const card = cardFrame(page);
    await card.locator('input[name="cvc"]').waitFor(); // the frame's own page has loaded, not only the iframe element
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await widget(page).locator('[role=alert]').count()).toBe(1);
    expect(await accessibilityProblems(page)).toEqual([]);

    // Tab order: quantity, email, first name, last name, then the card frame's fields, then Pay.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await widget(page).getByLabel('Email').evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
    await page.keyboard.type('kbd@example.com');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    // In euros the Payment Element offers three methods: its tab list is one tab stop, on the chosen one.
    await expect.poll(() => card.getByRole('tab', { name: 'Card' }).evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Tab');
    const focused = (name: string) => card.locator(`input[name="${name}"]`).evaluate((el) => el === document.activeElement);
    await expect.poll(() => focused('cardnumber')).toBe(true);
    await page.keyboard.type('4242424242424242');
    await page.keyboard.press('Tab');
    await expect.poll(() => focused('exp-date')).toBe(true);
    await page.keyboard.type(`12${String((new Date().getUTCFullYear() + 2) % 100)}`);
    await page.keyboard.press('Tab');
    await expect.poll(() => focused('cvc')).toBe(true);
    await page.keyboard.type('123');
    expect(await card.locator('input[name="cardnumber"]').inputValue()).toBe('4242424242424242');
    await screenshot(page, 'mobile');
    await page.keyboard.press('Tab');
    const pay = widget(page).getByRole('button', { name: /^Pay/ });
    await expect.poll(() => pay.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => widget(page).locator('[data-onepagepay-paid]').count(), { timeout: 15_000 }).toBe(1);
    expect(await transaction((await paidIds(page))[0])).toMatchObject({ status: 'succeeded', email: 'kbd@example.com' });
    expect(await accessibilityProblems(page)).toEqual([]);
    allRequests.push(...requests);
    await context.close();
  });

  it('Klarna leaves for its page and comes back: paid once authorized; not completed once failed, then paid by card', async () => {
    const formId = await paymentForm(world, { name: 'Tee', items: [{ priceId: tee }], selection: 'fixed', successMessage: 'Thanks for your order!' });
    const url = `${world.baseUrl}/pay/${world.accountId}/${formId}?utm_source=news`;
    const { page, context, requests } = await openPage(world, url);
    const card = cardFrame(page);
    const payWithKlarna = async () => {
      await widget(page).getByLabel('Email').fill('klara@example.com');
      await card.getByRole('tab', { name: 'Klarna' }).click();
      await card.getByText('you will be redirected').waitFor();
      await widget(page).getByRole('button', { name: /^Pay/ }).click();
      await page.waitForURL(/\/__sandbox\/stripe\/redirect\//);
    };

    await payWithKlarna();
    await page.getByRole('button', { name: 'Fail test payment' }).click();
    await page.waitForURL((u) => u.pathname === `/pay/${world.accountId}/${formId}`);
    await expect.poll(() => widget(page).locator('[role=alert]').textContent(), { timeout: 15_000 }).toMatch(/^The payment was not completed\./);
    // The marks of the return are gone from the address bar; the page's own query stays.
    expect(page.url()).toBe(url);

    await widget(page).getByLabel('Email').fill('klara@example.com');
    await typeCard(page, '4242424242424242');
    await widget(page).getByRole('button', { name: /^Pay/ }).click();
    await expect.poll(() => widget(page).locator('[data-onepagepay-paid]').textContent(), { timeout: 15_000 }).toBe('Thanks for your order!');

    await page.goto(url);
    await payWithKlarna();
    await page.getByRole('button', { name: 'Authorize test payment' }).click();
    await page.waitForURL((u) => u.pathname === `/pay/${world.accountId}/${formId}`);
    await expect.poll(() => widget(page).locator('[data-onepagepay-paid]').textContent(), { timeout: 15_000 }).toBe('Thanks for your order!');
    const { rows } = await world.app.ctx.database.query<{ status: string }>(
      `SELECT t.status FROM transactions t JOIN contacts c ON c.id = t.contact_id WHERE c.email = 'klara@example.com' AND t.form_id = $1 ORDER BY t.created_at`,
      [formId],
    );
    // Each page load is a new attempt: the failed Klarna payment, the card payment, the Klarna payment.
    expect(rows.map((r) => r.status)).toEqual(['failed', 'succeeded', 'succeeded']);
    allRequests.push(...requests);
    await context.close();
  });

  it('SEPA Direct Debit: the buyer is told the payment is processing; the bank answers later, by webhook', async () => {
    const formId = await paymentForm(world, { name: 'Tee', items: [{ priceId: tee }], selection: 'fixed' });
    const { page, context, requests } = await openPage(world, `${world.baseUrl}/pay/${world.accountId}/${formId}`);
    const card = cardFrame(page);
    await widget(page).getByLabel('Email').fill('sepa@example.com');
    await card.getByRole('tab', { name: 'SEPA Debit' }).click();
    await card.getByLabel('Full name').fill('Sepa Buyer');
    await card.getByLabel('IBAN').fill('AT61 1904 3002 3457 3201');
    await screenshot(page, 'hosted-sepa');
    await widget(page).getByRole('button', { name: /^Pay/ }).click();
    await expect.poll(() => widget(page).locator('[role=status]').first().textContent(), { timeout: 15_000 }).toMatch(/still being processed/);
    const { rows } = await world.app.ctx.database.query<{ id: string; status: string }>(
      `SELECT t.id, t.status FROM transactions t JOIN contacts c ON c.id = t.contact_id WHERE c.email = 'sepa@example.com'`,
    );
    expect(rows).toEqual([{ id: expect.any(String), status: 'processing' }]);
    world.sandbox.clock.advance(1_000);
    await expect.poll(async () => (await transaction(rows[0]!.id))?.status, { timeout: 15_000 }).toBe('succeeded');
    allRequests.push(...requests);
    await context.close();
  });

  it('no request any page sent to the server carried card data', () => {
    expect(allRequests.length).toBeGreaterThan(6);
    for (const request of allRequests) expect(`${request.url} ${request.body}`).not.toMatch(cardDataPattern);
  });
});
