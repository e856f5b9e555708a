import { defineConfig } from 'vitest/config';

// Browser tests: Playwright (playwright-core) driving Debian's /usr/bin/chromium.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // expect.poll's own default is 1 s. A page's first load under two files' Chromiums on two
    // cores has taken longer than that (a Stripe.js iframe's "ready" in CI, 0.8 s when idle), so a
    // poll waits up to 10 s; one that never succeeds still fails.
    expect: { poll: { timeout: 10_000 } },
    pool: 'forks',
    // Two files at a time: each has its own database, stand-ins, server on its own port and Chromium.
    maxWorkers: 2,
    globalSetup: ['test/e2e/global-setup.ts'],
  },
});
