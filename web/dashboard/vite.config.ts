import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { subresourceIntegrity } from './build/subresource-integrity.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The merchant dashboard: built into dist/web/dashboard (git-ignored), which the server serves
 * (src/dashboard/register-dashboard.ts): hashed files under /assets/, index.html for every app path.
 */
export default defineConfig({
  root: here('.'),
  // Relative: index.html is rewritten by the server to name /assets/ or PUBLIC_ASSET_URL/assets/,
  // and the chunks then find each other relative to where they were loaded from.
  base: './',
  plugins: [react(), subresourceIntegrity()],
  build: {
    outDir: here('../../dist/web/dashboard'),
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: true,
    rollupOptions: {
      output: {
        // The framework changes rarely: its own long-cached chunk survives app releases.
        manualChunks: (id) => (/node_modules\/(react|react-dom|react-router|scheduler|@tanstack|cookie|set-cookie-parser)\//.test(id) ? 'framework' : undefined),
      },
    },
  },
});
