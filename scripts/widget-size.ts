/**
 * The widget's size budget (`npm run build:widget` runs it after the build): our code — the hashed
 * bundle plus the loader, gzipped — must stay within 20 kB. Stripe.js and PayPal's SDK load from their
 * providers and do not count. Over budget, it exits 1 and the build fails.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { widgetBuildDir, type WidgetManifest } from '../src/widget/widget-manifest.js';
import { gzipSize } from './widget-build.js';

export const widgetBudgetBytes = 20_000;

export interface SizeReport {
  gzipBytes: number;
  budgetBytes: number;
  ok: boolean;
  line: string;
}

/** Measures the built files themselves (not the manifest's claims). */
export async function checkWidgetSize(dir = widgetBuildDir, budgetBytes = widgetBudgetBytes): Promise<SizeReport> {
  const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as WidgetManifest;
  const bundle = gzipSize(await readFile(path.join(dir, manifest.file)));
  const loader = gzipSize(await readFile(path.join(dir, manifest.loader.file)));
  const gzipBytes = bundle + loader;
  const ok = gzipBytes <= budgetBytes;
  const line = `widget size: ${gzipBytes} B gzipped (bundle ${bundle} B + loader ${loader} B) of a ${budgetBytes} B budget${ok ? '' : ' — OVER BUDGET'}`;
  return { gzipBytes, budgetBytes, ok, line };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  checkWidgetSize().then(
    (report) => {
      (report.ok ? process.stdout : process.stderr).write(`${report.line}\n`);
      if (!report.ok) process.exit(1);
    },
    (error: unknown) => {
      process.stderr.write(`widget size check failed (run the widget build first): ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
