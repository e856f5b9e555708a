import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Vitest global setup: the tests that start `onepagepay` as a process run the built CLI
 * (bin/onepagepay.js → dist/cli.js), as a user does, so the server is built first when its sources
 * changed since the last build (nothing to do after `npm install` or `npm run build`).
 */
export default function setup() {
  const build = spawnSync(process.execPath, [path.join(repoRoot, 'scripts/build.mjs'), 'server', '--if-stale'], { cwd: repoRoot, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('Building the server for the CLI tests failed (node scripts/build.mjs server).');
}
