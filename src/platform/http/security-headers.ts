import helmet from '@fastify/helmet';
import type { App } from './types.js';

/**
 * Headers on every response: a CSP that forbids framing (clickjacking) and foreign scripts,
 * X-Frame-Options DENY, nosniff, no referrer, and HSTS when served over https.
 * Pages that must differ (the hosted payment page, widget.js) override per route.
 */
export async function registerSecurityHeaders(app: App, options: { https: boolean; assetOrigin?: string }) {
  // The dashboard's hashed files may come from a CDN (PUBLIC_ASSET_URL): that origin, and only it, besides ours.
  const assets = options.assetOrigin ? [options.assetOrigin] : [];
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'", ...assets],
        'style-src': ["'self'", "'unsafe-inline'", ...assets],
        'img-src': ["'self'", 'data:', ...assets],
        'connect-src': ["'self'"],
        'font-src': ["'self'", 'data:', ...assets],
        'object-src': ["'none'"],
        'base-uri': ["'none'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    hsts: options.https ? { maxAge: 63_072_000, includeSubDomains: true } : false,
    crossOriginResourcePolicy: { policy: 'same-origin' },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
  });
}
