import fs from 'node:fs';
import path from 'node:path';
import { defaultDashboardDir } from '../dashboard/register-dashboard.js';
import { bundleNamePattern, widgetBuildDir } from '../widget/widget-manifest.js';

/**
 * `onepagepay assets DIR`: copies the content-hashed files browsers load — the widget bundles and
 * the dashboard's assets — into DIR/widget/ and DIR/assets/, for upload to the CDN that
 * PUBLIC_ASSET_URL names. Hashed names never change content, so uploads only ever add files.
 */
export function assetsCommand(target: string, sources = { widget: widgetBuildDir, dashboard: path.join(defaultDashboardDir, 'assets') }) {
  const widgetFiles = fs.existsSync(sources.widget) ? fs.readdirSync(sources.widget).filter((f) => bundleNamePattern.test(f)) : [];
  const dashboardFiles = fs.existsSync(sources.dashboard) ? fs.readdirSync(sources.dashboard) : [];
  if (widgetFiles.length === 0 || dashboardFiles.length === 0) throw new Error('the widget or the dashboard is not built: run `npm run build` first');
  const copy = (from: string, folder: string, files: string[]) => {
    fs.mkdirSync(path.join(target, folder), { recursive: true });
    for (const file of files) fs.copyFileSync(path.join(from, file), path.join(target, folder, file));
  };
  copy(sources.widget, 'widget', widgetFiles);
  copy(sources.dashboard, 'assets', dashboardFiles);
  const out = path.resolve(target);
  process.stdout.write(
    `Copied ${widgetFiles.length} widget and ${dashboardFiles.length} dashboard file(s) to ${out}.\n` +
      `Upload ${out}/widget and ${out}/assets to the base PUBLIC_ASSET_URL names, served with\n` +
      `  Access-Control-Allow-Origin: *  (the pages load them with Subresource Integrity)\n` +
      `  Cache-Control: public, max-age=31536000, immutable\n` +
      `before starting the servers with PUBLIC_ASSET_URL.\n`,
  );
}
