import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './cli.js';

/**
 * Builds the named parts of dist/ whose sources changed since their last build (`node
 * scripts/build.mjs <parts> --if-stale`: nothing to do after `npm install` or `npm run build`), so
 * that no test runs against a stale build.
 */
export function buildIfStale(parts: ('server' | 'widget' | 'dashboard')[]) {
  const build = spawnSync(process.execPath, [path.join(repoRoot, 'scripts/build.mjs'), ...parts, '--if-stale'], { cwd: repoRoot, stdio: 'inherit' });
  if (build.status !== 0) throw new Error(`Building ${parts.join(', ')} for the tests failed (node scripts/build.mjs ${parts.join(' ')}).`);
}

/**
 * Vitest global setup of `npm test`: the tests that start `onepagepay` as a process run the built
 * CLI (bin/onepagepay.js → dist/cli.js), as a user does, and the dashboard's tests read the built
 * app (dist/web/dashboard).
 */
export default function setup() {
  buildIfStale(['server', 'dashboard']);
}
