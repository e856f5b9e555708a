import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultDashboardDir } from '../../src/dashboard/register-dashboard.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
// The dashboard's sources, and the server modules it bundles.
const sources = [path.join(root, 'web/dashboard'), path.join(root, 'src/platform/money/currencies.ts'), path.join(root, 'src/platform/http/errors.ts')];

function newestChange(entry: string): number {
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of readdirSync(entry)) if (name !== 'node_modules' && name !== 'dist') newest = Math.max(newest, newestChange(path.join(entry, name)));
  return newest;
}

function builtAt(): number {
  try {
    return statSync(path.join(defaultDashboardDir, 'index.html')).mtimeMs;
  } catch {
    return 0;
  }
}

/**
 * The built dashboard (dist/web/dashboard), as `npm run build` leaves it; built here first when
 * missing or older than its sources, so a test never runs against a stale app.
 */
export function ensureDashboardBuilt(): string {
  if (builtAt() < Math.max(...sources.map(newestChange))) {
    execFileSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'web/dashboard/vite.config.ts', '--logLevel', 'warn'], {
      cwd: root,
      stdio: 'inherit',
      // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
      env: { ...process.env, NODE_ENV: 'production' },
    });
  }
  return defaultDashboardDir;
}
