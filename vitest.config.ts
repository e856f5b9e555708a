import os from 'node:os';
import { defineConfig } from 'vitest/config';
import SlowestFirst from './test/helpers/slowest-first.js';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // expect.poll's own default is 1 s, shorter than an email sent in the background can take with
    // three workers on two cores. A poll waits up to 10 s; one that never succeeds still fails.
    expect: { poll: { timeout: 10_000 } },
    pool: 'forks',
    // One worker process runs file after file without re-importing the app for each (about 2 s a file
    // on this machine). Files stay isolated where it matters: each has its own database and app.
    isolate: false,
    // Vitest's default is one core less than the machine has: on CI's two cores that is one. Three
    // workers on two cores: the tests wait on servers, sockets and PostgreSQL for about a third of
    // the time, which a third worker fills (npm test 392 s with two, 339–349 s with three).
    maxWorkers: Math.max(3, os.availableParallelism() - 1),
    // Builds the server and the dashboard when their sources changed (the CLI tests run
    // bin/onepagepay.js, the dashboard's tests read its build), then migrates one database per
    // driver per run; each test file starts from a copy.
    globalSetup: ['test/helpers/build-if-stale.ts', 'test/helpers/template-databases.ts'],
    // The longest files first, so that both workers finish together (test/helpers/slowest-first.ts).
    sequence: { sequencer: SlowestFirst },
  },
});
