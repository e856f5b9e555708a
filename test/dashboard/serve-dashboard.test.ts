import crypto from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboardSections, defaultDashboardDir, registerDashboard } from '../../src/dashboard/register-dashboard.js';
import { registerErrorHandling } from '../../src/platform/http/error-handler.js';
import { registerSecurityHeaders } from '../../src/platform/http/security-headers.js';
import type { App } from '../../src/platform/http/types.js';
import { startTestApp, type TestApp } from '../helpers/harness.js';

async function appServing(dir: string): Promise<App> {
  const app = Fastify() as unknown as App;
  await registerSecurityHeaders(app, { https: false });
  registerErrorHandling(app);
  app.get('/api/v1/known', { config: { access: 'public' } }, async () => ({ ok: true }));
  await registerDashboard(app, { dir });
  await app.ready();
  return app;
}

describe('serving the dashboard (a built app in a temporary directory)', () => {
  let dir: string;
  let app: App;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'opp-dashboard-'));
    mkdirSync(path.join(dir, 'assets'));
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>app shell</title><script type="module" src="/assets/app-abc123.js"></script>');
    writeFileSync(path.join(dir, 'assets', 'app-abc123.js'), 'console.log("app")');
    app = await appServing(dir);
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves index.html for every app path, never cached, with the strict security headers', async () => {
    for (const url of ['/', '/products?archived=1', '/products/prod_abc', '/sign-in?next=%2Fforms', '/invite']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.body).toContain('app shell');
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.headers['x-frame-options']).toBe('DENY');
    }
  });

  it('serves hashed assets as immutable for a year', async () => {
    const res = await app.inject({ method: 'GET', url: '/assets/app-abc123.js' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('console.log("app")');
    expect(res.headers['content-type']).toContain('javascript');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('answers 404 (JSON error, not the app) for every other path', async () => {
    for (const url of ['/nowhere', '/api/v1/nothing-here', '/api/public/v1/x', '/pay/abc/form_x', '/widget.js', '/assets/gone-123.js', '/favicon.ico', '/sandbox.json', '/productsx']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code, url).toBe('not_found');
    }
    expect((await app.inject({ method: 'GET', url: '/api/v1/known' })).json()).toEqual({ ok: true });
    expect((await app.inject({ method: 'POST', url: '/products', payload: {} })).statusCode).toBe(404);
  });

  it('says how to build the app when it has not been built', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'opp-dashboard-empty-'));
    const bare = await appServing(empty);
    const res = await bare.inject({ method: 'GET', url: '/products' });
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('npm run build');
    expect(res.headers['cache-control']).toBe('no-store');
    await bare.close();
    rmSync(empty, { recursive: true, force: true });
  });

  it('serves the app on exactly the top-level paths the dashboard’s router declares', () => {
    const router = readFileSync(new URL('../../web/dashboard/src/router.tsx', import.meta.url), 'utf8');
    const declared = new Set([...router.matchAll(/path: '\/?([a-z-]+)/g)].map((m) => m[1]));
    expect([...declared].sort()).toEqual([...dashboardSections].sort());
  });
});

describe('the built dashboard on the real server', () => {
  let t: TestApp;
  let html: string;
  beforeAll(async () => {
    // Built by the run's global setup (test/helpers/build-if-stale.ts).
    html = readFileSync(path.join(defaultDashboardDir, 'index.html'), 'utf8');
    t = await startTestApp('pglite');
  });
  afterAll(() => t?.close());

  it('serves the shell whose every script and stylesheet is same-origin, hashed and pinned by SRI', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/forms/new' });
    expect(res.statusCode).toBe(200);
    // The build names its files relative (./assets/…); the server names them from its own /assets/.
    expect(html).toContain('"./assets/');
    expect(res.body).toBe(html.replaceAll('"./assets/', '"/assets/'));
    // The CSP allows scripts from 'self' only: the shell must not need an inline script.
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const tags = [...res.body.matchAll(/<(?:script|link)\b[^>]*?(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"[^>]*>/g)];
    expect(tags.length).toBeGreaterThanOrEqual(2);
    for (const [tag, url] of tags) {
      expect(url).toMatch(/-[A-Za-z0-9_-]{8}\.(js|css)$/);
      const asset = await t.app.inject({ method: 'GET', url });
      expect(asset.statusCode, url).toBe(200);
      expect(asset.headers['cache-control']).toContain('immutable');
      const integrity = `sha384-${crypto.createHash('sha384').update(asset.rawPayload).digest('base64')}`;
      expect(tag, url).toContain(`integrity="${integrity}"`);
    }
  });

  it('keeps the API answering JSON next to the app', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/me' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthenticated');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/no-such-route' })).json().error.code).toBe('not_found');
  });
});

describe('the built dashboard with PUBLIC_ASSET_URL (a CDN)', () => {
  let t: TestApp;
  let html: string;
  const cdn = 'https://cdn.example.net/onepagepay';
  beforeAll(async () => {
    html = readFileSync(path.join(defaultDashboardDir, 'index.html'), 'utf8');
    t = await startTestApp('pglite', { PUBLIC_ASSET_URL: `${cdn}/` });
  });
  afterAll(() => t?.close());

  it('names every hashed file at the CDN with the same SRI hash, and lets only that origin in the CSP', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/transactions' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(html.replaceAll('"./assets/', `"${cdn}/assets/`));
    expect(res.body).not.toMatch(/"(\.?\/)assets\//);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self' https://cdn.example.net;");
    expect(csp).toContain("style-src 'self' 'unsafe-inline' https://cdn.example.net;");
    expect(csp).toMatch(/connect-src 'self';/);
    // The files stay served here too (a CDN can pull them from this server as its origin).
    const [, file] = /src="https:\/\/cdn\.example\.net\/onepagepay(\/assets\/[^"]+\.js)"/.exec(res.body)!;
    const asset = await t.app.inject({ method: 'GET', url: file! });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });
});
