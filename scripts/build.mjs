#!/usr/bin/env node
// Builds the server, the widget and the dashboard into dist/.
//   node scripts/build.mjs             build all three (npm run build; npm install runs it once)
//   node scripts/build.mjs --if-stale  build only the parts whose sources are newer than their last build (npm start)
//   node scripts/build.mjs widget      build the parts named (server, widget, dashboard)
//   --dry-run                          print the parts that would be built, one per line, and build nothing
// Each part writes dist/.built-<part> when it succeeds; its sources' newest change time decides staleness.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
// --root=DIR: another checkout (the tests use a scratch tree with --dry-run).
const rootArg = args.find((arg) => arg.startsWith('--root='));
const root = rootArg ? path.resolve(rootArg.slice('--root='.length)) : path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Dependencies are not watched: `npm install` rebuilds everything (prepare).
const shared = ['tsconfig.json'];

const parts = [
  { name: 'server', sources: ['src', 'migrations', 'tsconfig.build.json'], steps: [['tsc', '-p', 'tsconfig.build.json']] },
  {
    name: 'widget',
    sources: ['web/widget', 'scripts/widget-build.ts', 'scripts/widget-size.ts'],
    steps: [['tsx', 'scripts/widget-build.ts'], ['tsx', 'scripts/widget-size.ts']],
  },
  {
    name: 'dashboard',
    sources: ['web/dashboard'],
    steps: [
      ['tsc', '-p', 'web/dashboard'],
      ['tsc', '-p', 'web/dashboard/tsconfig.node.json'],
      ['vite', 'build', '--config', 'web/dashboard/vite.config.ts', '--logLevel', 'warn'],
    ],
  },
];

/**
 * Newest modification time under the given files and folders (test files do not count), and of
 * the modules their TypeScript imports reach outside them (the web code imports the server's
 * schemas: a change there makes the dashboard and the widget stale too).
 */
function newestChange(entries) {
  let newest = 0;
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    let stat;
    try {
      stat = fs.statSync(file);
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      for (const child of fs.readdirSync(file)) if (child !== 'node_modules') visit(path.join(file, child));
      return;
    }
    if (file.endsWith('.test.ts')) return;
    newest = Math.max(newest, stat.mtimeMs);
    if (/\.tsx?$/.test(file)) {
      for (const [, specifier] of fs.readFileSync(file, 'utf8').matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
        visit(path.resolve(path.dirname(file), specifier.replace(/\.js$/, '.ts')));
        if (specifier.endsWith('.js')) visit(path.resolve(path.dirname(file), specifier.replace(/\.js$/, '.tsx')));
      }
    }
  };
  for (const entry of entries) visit(path.join(root, entry));
  return newest;
}

const stampOf = (part) => path.join(root, 'dist', `.built-${part.name}`);

function isStale(part) {
  let built;
  try {
    built = fs.statSync(stampOf(part)).mtimeMs;
  } catch {
    return true;
  }
  return newestChange([...shared, ...part.sources]) > built;
}

const onlyStale = args.includes('--if-stale');
const dryRun = args.includes('--dry-run');
const named = args.filter((arg) => !arg.startsWith('--'));
for (const name of named) {
  if (!parts.some((part) => part.name === name)) {
    process.stderr.write(`Unknown part "${name}": use ${parts.map((part) => part.name).join(', ')}.\n`);
    process.exit(2);
  }
}
// A build is for production whoever runs it: under NODE_ENV=test (a test run's global setup), Vite
// would bundle React's development build.
const env = { ...process.env, NODE_ENV: 'production' };
for (const part of parts) {
  if (named.length > 0 && !named.includes(part.name)) continue;
  if (onlyStale && !isStale(part)) continue;
  if (dryRun) {
    process.stdout.write(`${part.name}\n`);
    continue;
  }
  if (onlyStale) process.stderr.write(`Building the ${part.name} (its sources changed since the last build)…\n`);
  fs.rmSync(stampOf(part), { force: true });
  const started = Date.now();
  for (const [command, ...args] of part.steps) {
    const result = spawnSync(path.join(root, 'node_modules/.bin', command), args, { cwd: root, stdio: 'inherit', env });
    if (result.status !== 0) {
      process.stderr.write(`Building the ${part.name} failed (${command} ${args.join(' ')}).\n`);
      process.exit(result.status ?? 1);
    }
  }
  fs.mkdirSync(path.join(root, 'dist'), { recursive: true });
  fs.writeFileSync(stampOf(part), `${new Date(started).toISOString()}\n`);
  // The stamp's time is when the build started: a source saved during the build stays newer than it.
  fs.utimesSync(stampOf(part), new Date(started), new Date(started));
}
