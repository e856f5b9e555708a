import crypto from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWidget } from '../../scripts/widget-build.js';
import { checkWidgetSize, widgetBudgetBytes } from '../../scripts/widget-size.js';
import { loadConfig } from '../../src/config.js';
import type { App } from '../../src/platform/http/types.js';
import { hostedPageCsp } from '../../src/widget/hosted-page-html.js';
import { registerWidgetFileRoutes } from '../../src/widget/routes/widget-files.js';
import { WidgetAssets } from '../../src/widget/widget-assets.js';
import type { WidgetManifest } from '../../src/widget/widget-manifest.js';
import { startTestApp, type TestApp } from '../helpers/harness.js';

const account = '0123456789abcdef0123456789abcdef';
const form = 'form_0123456789ABCDEFGHIJklmn';

describe('widget build and size budget', () => {
  let dir: string;
  let manifest: WidgetManifest;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'widget-build-'));
    manifest = await buildWidget(dir);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('names the bundle by its content hash and publishes the SRI hash of its bytes', async () => {
    const bytes = await readFile(path.join(dir, manifest.file));
    expect(manifest.file).toBe(`widget.${crypto.createHash('sha256').update(bytes).digest('hex').slice(0, 16)}.js`);
    expect(manifest.integrity).toBe(`sha384-${crypto.createHash('sha384').update(bytes).digest('base64')}`);
    const loader = await readFile(path.join(dir, 'widget.js'), 'utf8');
    expect(loader).toContain(`"widget/${manifest.file}"`);
    expect(loader).toContain(`"${manifest.integrity}"`);
  });

  it('is one IIFE without source maps or imports', async () => {
    const code = await readFile(path.join(dir, manifest.file), 'utf8');
    expect(code).toMatch(/^("use strict";)?\(\(\)=>\{[\s\S]*\}\)\(\);\s*$/);
    expect(code).not.toMatch(/sourceMappingURL|^import |\brequire\(/m);
  });

  it('stays within the 20 kB gzipped budget, and the check fails when over it', async () => {
    const report = await checkWidgetSize(dir);
    expect(report).toMatchObject({ ok: true, budgetBytes: widgetBudgetBytes });
    expect(report.gzipBytes).toBeLessThanOrEqual(20_000);
    const over = await checkWidgetSize(dir, report.gzipBytes - 1);
    expect(over.ok).toBe(false);
    expect(over.line).toMatch(/OVER BUDGET/);
  });

  it('rebuilding the same source gives the same file name (stable for caches)', async () => {
    expect((await buildWidget(dir)).file).toBe(manifest.file);
  });
});

describe('widget files and hosted page served by the app', () => {
  let t: TestApp;
  let manifest: WidgetManifest;
  beforeAll(async () => {
    manifest = await buildWidget();
    t = await startTestApp('pglite', { PUBLIC_URL: 'https://pay.example.com' });
  });
  afterAll(() => t.close());

  it('/widget.js is the loader: cached briefly, loadable from any origin', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/widget.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/javascript; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.body).toContain(manifest.integrity);
  });

  it('the hashed bundle is immutable for a year, and its bytes match the published SRI', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/widget/${manifest.file}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(`sha384-${crypto.createHash('sha384').update(res.rawPayload).digest('base64')}`).toBe(manifest.integrity);
  });

  it('/widget/manifest.json publishes the bundle path and SRI hash', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/widget/manifest.json' });
    expect(res.json()).toEqual({ version: manifest.version, file: manifest.file, path: `/widget/${manifest.file}`, integrity: manifest.integrity, gzipBytes: manifest.gzipBytes });
  });

  it('unknown or malformed bundle names are 404, never a path outside the build', async () => {
    for (const url of ['/widget/widget.0000000000000000.js', '/widget/..%2F..%2Fpackage.json', '/widget/widget.js', '/widget/manifest.json.bak']) {
      expect((await t.app.inject({ method: 'GET', url })).statusCode, url).toBe(404);
    }
  });

  it('GET /pay/{account}/{form} is the hosted page: the widget with SRI, a strict CSP, no inline script', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/pay/${account}/${form}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toContain(`<script src="https://pay.example.com/widget/${manifest.file}" integrity="${manifest.integrity}" crossorigin="anonymous" defer></script>`);
    expect(res.body).toContain(`data-onepagepay-form data-hosted data-account="${account}" data-form="${form}"`);
    expect(res.body).not.toMatch(/<script>|<script(?![^>]*\bsrc=)[^>]*>/);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/script-src 'self' https:\/\/pay\.example\.com https:\/\/js\.stripe\.com/);
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain('frame-src https://js.stripe.com');
    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin-allow-popups');
  });

  it('a malformed payment link is a 404 page', async () => {
    for (const url of [`/pay/${account}/nope`, `/pay/XYZ/${form}`, `/pay/${account.toUpperCase()}/${form}`]) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect(res.body).toContain('This payment link is not valid');
    }
  });
});

describe('widget with PUBLIC_ASSET_URL (a CDN)', () => {
  let t: TestApp;
  let manifest: WidgetManifest;
  const cdn = 'https://cdn.example.net/opp';
  beforeAll(async () => {
    manifest = await buildWidget();
    t = await startTestApp('pglite', { PUBLIC_URL: 'https://pay.example.com', PUBLIC_ASSET_URL: cdn });
  });
  afterAll(() => t.close());

  it('the loader fetches the bundle from the CDN with its SRI hash, and points the widget back at this server', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/widget.js' });
    expect(res.body).toContain(`"${cdn}/widget/${manifest.file}"`);
    expect(res.body).toContain(`"${manifest.integrity}"`);
    expect(res.body).toContain('b.setAttribute("data-api",new URL("./",h).href)');
  });

  it('the hosted page loads the bundle from the CDN, allowed by its CSP', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/pay/${account}/${form}` });
    expect(res.body).toContain(`<script src="${cdn}/widget/${manifest.file}" integrity="${manifest.integrity}" crossorigin="anonymous" defer></script>`);
    expect(res.body).toContain('data-api="https://pay.example.com/"');
    expect(String(res.headers['content-security-policy'])).toMatch(/script-src 'self' https:\/\/pay\.example\.com https:\/\/cdn\.example\.net https:\/\/js\.stripe\.com/);
  });
});

describe('hosted page CSP in sandbox mode', () => {
  it('also allows the Stripe and PayPal stand-ins’ origins', () => {
    const csp = hostedPageCsp({
      config: loadConfig({ PUBLIC_URL: 'http://localhost:3000' }),
      sandboxUrls: { stripe: 'http://127.0.0.1:4001', hubspot: 'http://127.0.0.1:4002', paypal: 'http://127.0.0.1:4003' },
    });
    expect(csp).toContain("script-src 'self' http://localhost:3000 http://127.0.0.1:4001 http://127.0.0.1:4003");
    expect(csp).toContain('frame-src http://127.0.0.1:4001 http://127.0.0.1:4003 https://js.stripe.com');
    expect(csp).not.toContain('127.0.0.1:4002'); // the HubSpot stand-in: the hosted page loads nothing from HubSpot
  });
});

describe('widget routes before the widget is built', () => {
  it('answer 503 saying to run the build (and the server still starts)', async () => {
    const empty = await mkdtemp(path.join(os.tmpdir(), 'widget-empty-'));
    const app = Fastify() as unknown as App;
    registerWidgetFileRoutes(app, new WidgetAssets(empty));
    try {
      const res = await app.inject({ method: 'GET', url: '/widget.js' });
      expect(res.statusCode).toBe(503);
      expect(res.body).toMatch(/npm run build/);
      await writeFile(path.join(empty, 'manifest.json'), '{"file":"widget.0123456789abcdef.js","integrity":"sha384-x","loader":{"file":"widget.js"}}');
      expect((await app.inject({ method: 'GET', url: '/widget.js' })).statusCode).toBe(503);
    } finally {
      await app.close();
      await rm(empty, { recursive: true, force: true });
    }
  });
});
