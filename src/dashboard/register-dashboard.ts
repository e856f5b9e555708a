import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyReply } from 'fastify';
import type { App } from '../platform/http/types.js';

/**
 * Where `npm run build:dashboard` writes the app. This file sits two levels below the package
 * root both as source (src/dashboard) and built (dist/dashboard), so one relative URL serves both.
 */
export const defaultDashboardDir = fileURLToPath(new URL('../../dist/web/dashboard/', import.meta.url));

/**
 * The app's top-level paths (the routes of web/dashboard/src/router.tsx; a test keeps both lists
 * equal). Only these serve the app: every other path keeps its real answer, or the JSON 404.
 */
export const dashboardSections = ['sign-in', 'sign-up', 'invite', 'forgot-password', 'reset-password', 'transactions', 'contacts', 'products', 'forms', 'connections', 'sync', 'team', 'audit-log', 'search'] as const;

/**
 * Serves the merchant dashboard (a single-page app) on the same origin as its API:
 * - `/assets/*`: content-hashed files, cached for a year as immutable;
 * - `/` and every app path: index.html, never cached, so a new release is picked up at once
 *   (it names the new hashed files, each with its SRI hash, from PUBLIC_ASSET_URL when set).
 * The global security headers (strict CSP: scripts and styles from 'self', no framing) apply as
 * to every response; the built app needs nothing more (no inline script, no other origin).
 */
export async function registerDashboard(app: App, options: { dir?: string; assetBase?: string } = {}) {
  const dir = options.dir ?? defaultDashboardDir;
  // The build names its files relative to index.html (Vite `base: './'`, so chunks load each other
  // relative to wherever they came from); the page names them from this server or PUBLIC_ASSET_URL.
  const assetPrefix = `${options.assetBase ?? ''}/assets/`;
  await app.register(fastifyStatic, {
    root: path.join(dir, 'assets'),
    prefix: '/assets/',
    decorateReply: false,
    index: false,
    immutable: true,
    maxAge: '365d',
  });

  // Read per request (a 1 kB file the OS caches): a rebuild while the server runs is served at once.
  const serveIndex = async (_request: unknown, reply: FastifyReply) => {
    const indexHtml = await readFile(path.join(dir, 'index.html'), 'utf8').catch(() => undefined);
    if (indexHtml === undefined) {
      return reply
        .code(503)
        .header('cache-control', 'no-store')
        .type('text/plain; charset=utf-8')
        .send('The dashboard has not been built. Run `npm run build` (or `npm run build:dashboard`), then reload.');
    }
    return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(indexHtml.replace(/(["'])\.\/assets\//g, `$1${assetPrefix}`));
  };
  const routeOptions = { config: { access: 'public' as const }, schema: { hide: true } };
  app.get('/', routeOptions, serveIndex);
  for (const section of dashboardSections) {
    app.get(`/${section}`, routeOptions, serveIndex);
    app.get(`/${section}/*`, routeOptions, serveIndex);
  }
}
