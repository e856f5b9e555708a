import { defineConfig } from 'vitest/config';

// Browser tests: Playwright (playwright-core) driving Debian's /usr/bin/chromium.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two files at a time: each has its own database, stand-ins, server on its own port and Chromium.
    maxWorkers: 2,
    globalSetup: ['test/e2e/global-setup.ts'],
  },
});
