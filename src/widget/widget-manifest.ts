import { fileURLToPath } from 'node:url';

/**
 * What `npm run build:widget` (scripts/widget-build.ts) writes next to the bundle as `manifest.json`,
 * and what GET /widget/manifest.json publishes for merchants who pin the bundle with SRI.
 */
export interface WidgetManifest {
  /** The package version the bundle was built from (also `window.OnePagePay.version`). */
  version: string;
  /** The content-hashed bundle, served at `{PUBLIC_URL}/widget/{file}`. */
  file: string;
  /** Subresource Integrity of the bundle (`sha384-…`). */
  integrity: string;
  bytes: number;
  gzipBytes: number;
  /** The stable loader served at `{PUBLIC_URL}/widget.js`, and its gzipped size. */
  loader: { file: 'widget.js'; gzipBytes: number };
}

/** dist/web/widget, from src/widget (tsx, vitest) and from dist/widget (the built server) alike. */
export const widgetBuildDir = fileURLToPath(new URL('../../dist/web/widget/', import.meta.url));

/** Names of content-hashed bundles: `widget.<16 hex>.js`. */
export const bundleNamePattern = /^widget\.[0-9a-f]{16}\.js$/;
