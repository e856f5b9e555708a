import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// What `npm start` rebuilds (scripts/build.mjs --if-stale), checked on a scratch tree with --dry-run.
const script = path.resolve('scripts/build.mjs');
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'opp-build-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const write = (file: string, at: Date, content = 'x') => {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), content);
  fs.utimesSync(path.join(root, file), at, at);
};
const stale = () =>
  execFileSync(process.execPath, [script, '--if-stale', '--dry-run', `--root=${root}`], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean);

describe('npm start: build only what changed', () => {
  const before = new Date(Date.now() - 60_000);
  const built = new Date(Date.now() - 30_000);
  const after = new Date();

  it('builds every part that was never built', () => {
    for (const file of ['tsconfig.json', 'src/server.ts', 'src/widget/serve.ts', 'web/widget/main.ts', 'web/dashboard/src/main.tsx', 'migrations/0001.sql']) write(file, before);
    expect(stale()).toEqual(['server', 'widget', 'dashboard']);
  });

  it('builds nothing when every part is newer than its sources', () => {
    for (const part of ['server', 'widget', 'dashboard']) write(`dist/.built-${part}`, built);
    expect(stale()).toEqual([]);
  });

  it('rebuilds only the part whose source changed; a test file changes nothing', () => {
    write('src/payments/refund.test.ts', after);
    expect(stale()).toEqual([]);
    write('web/widget/main.ts', after);
    expect(stale()).toEqual(['widget']);
    write('src/server.ts', after);
    expect(stale()).toEqual(['server', 'widget']);
    write('tsconfig.json', after);
    expect(stale()).toEqual(['server', 'widget', 'dashboard']);
  });

  it('rebuilds the dashboard when a server module it imports changes, and only then', () => {
    const later = new Date(Date.now() + 60_000);
    write('web/dashboard/src/api/types.ts', before, "import type { SyncStatusSchema } from '../../../../src/sync/schemas.js';\n");
    write('src/sync/schemas.ts', before, "import { Nullable } from '../catalog/schemas.js';\n");
    write('src/catalog/schemas.ts', before);
    for (const part of ['server', 'widget', 'dashboard']) write(`dist/.built-${part}`, new Date());
    expect(stale()).toEqual([]);
    write('src/sync/sync-status.ts', later);
    expect(stale()).toEqual(['server']);
    write('src/catalog/schemas.ts', later);
    expect(stale()).toEqual(['server', 'dashboard']);
  });
});
