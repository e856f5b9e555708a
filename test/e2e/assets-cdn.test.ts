import { createServer, type Server } from 'node:http';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { ConsoleMessage } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assetsCommand } from '../../src/commands/assets.js';
import { hasChromium } from '../helpers/chromium.js';
import { openPage, paymentForm, price, typeCard, widget, type WidgetWorld, startWidgetWorld } from '../widget/browser-world.js';

/**
 * PUBLIC_ASSET_URL: the hashed widget and dashboard files copied out by `onepagepay assets DIR` and
 * served by a second origin (a CDN's stand-in, which sends CORS as a CDN must); the pages load them
 * from there with SRI and still talk to the app for everything else.
 */
describe.skipIf(!hasChromium)('assets from a CDN (PUBLIC_ASSET_URL)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onepagepay-cdn-'));
  const served: string[] = [];
  let cdn: Server;
  let cdnUrl: string;
  let world: WidgetWorld;
  let tee: string;

  beforeAll(async () => {
    const out = process.stdout.write;
    process.stdout.write = () => true; // the command's upload instructions
    try {
      assetsCommand(dir);
    } finally {
      process.stdout.write = out;
    }
    cdn = createServer((req, res) => {
      // Files are published under /static/ (PUBLIC_ASSET_URL may have a path).
      const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      const file = path.join(dir, path.normalize(pathname.replace(/^\/static\//, '/')));
      if (!file.startsWith(dir) || !fs.existsSync(file) || !fs.statSync(file).isFile()) return res.writeHead(404).end();
      served.push(req.url ?? '');
      const type = file.endsWith('.js') ? 'text/javascript' : file.endsWith('.css') ? 'text/css' : file.endsWith('.svg') ? 'image/svg+xml' : 'application/octet-stream';
      res.writeHead(200, { 'content-type': type, 'access-control-allow-origin': '*', 'cache-control': 'public, max-age=31536000, immutable' }).end(fs.readFileSync(file));
    });
    await new Promise<void>((resolve) => cdn.listen(0, '127.0.0.1', resolve));
    // Another origin than the app's (127.0.0.1:<app port>) and the merchant's (localhost).
    cdnUrl = `http://127.0.0.1:${(cdn.address() as AddressInfo).port}/static`;
    world = await startWidgetWorld({ env: { PUBLIC_ASSET_URL: cdnUrl } });
    tee = await price(world, 'Classic Tee', { type: 'fixed', unitAmount: 2500, maxQuantity: 3 });
  }, 60_000);
  afterAll(async () => {
    await world?.close();
    await new Promise((resolve) => cdn?.close(resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('copies the hashed files out with `onepagepay assets DIR`', () => {
    expect(fs.readdirSync(path.join(dir, 'widget')).some((f) => /^widget\.[0-9a-f]{16}\.js$/.test(f))).toBe(true);
    expect(fs.readdirSync(path.join(dir, 'assets')).some((f) => /^index-[\w-]{8}\.js$/.test(f))).toBe(true);
  });

  it('a buyer pays through the widget on a merchant page, its bundle loaded from the CDN', async () => {
    const formId = await paymentForm(world, { name: 'Tee', items: [{ priceId: tee }], selection: 'fixed', successMessage: 'Paid, thanks!' });
    const html = `<!doctype html><html><head><meta charset="utf-8"><title>Shop</title></head><body>
<div data-onepagepay-form data-account="${world.accountId}" data-form="${formId}"></div>
<script src="${world.baseUrl}/widget.js" async></script></body></html>`;
    const { page, context, requests } = await openPage(world, world.merchantPage(html));
    const errors: string[] = [];
    // Errors on the page (a blocked or tampered script would show here), but not the merchant site's missing favicon.
    page.on('console', (m: ConsoleMessage) => m.type() === 'error' && !m.location().url.endsWith('/favicon.ico') && errors.push(`${m.text()} ${m.location().url}`));
    await widget(page).locator('iframe[title="Secure payment input frame"]').waitFor();
    await widget(page).getByLabel('Email').fill('ada@example.com');
    await widget(page).getByLabel('First name').fill('Ada');
    await typeCard(page, '4242424242424242');
    await widget(page).getByRole('button', { name: /^Pay/ }).click();
    await expect.poll(() => widget(page).locator('[data-onepagepay-paid]').textContent(), { timeout: 15_000 }).toBe('Paid, thanks!');

    expect(served.filter((url) => /^\/static\/widget\/widget\.[0-9a-f]{16}\.js$/.test(url))).toHaveLength(1);
    // The app served the loader and the API, not the bundle.
    const app = requests.filter((r) => new URL(r.url).origin === new URL(world.baseUrl).origin);
    expect(app.some((r) => /\/widget\/widget\.[0-9a-f]{16}\.js/.test(r.url))).toBe(false);
    expect(app.some((r) => r.url.includes('/api/public/v1/accounts/'))).toBe(true);
    const { rows } = await world.app.ctx.database.query<{ status: string }>(`SELECT status FROM transactions WHERE form_id = $1`, [formId]);
    expect(rows).toEqual([{ status: 'succeeded' }]);
    expect(errors, errors.join('\n')).toEqual([]);
    await context.close();
  });

  it('the dashboard loads its hashed files from the CDN under its CSP', async () => {
    const before = served.length;
    const { page, context } = await openPage(world, `${world.baseUrl}/sign-in`);
    const violations: string[] = [];
    page.on('console', (m: ConsoleMessage) => /Content Security Policy|Refused to|integrity/.test(m.text()) && violations.push(m.text()));
    await page.getByRole('button', { name: /sign in/i }).waitFor();
    const fetched = served.slice(before);
    expect(fetched.some((url) => /^\/static\/assets\/index-[\w-]{8}\.js$/.test(url))).toBe(true);
    expect(fetched.some((url) => /^\/static\/assets\/index-[\w-]{8}\.css$/.test(url))).toBe(true);
    expect(violations).toEqual([]);
    await context.close();
  });
});
