/**
 * Import rules for src/ (npm run lint): layers point one way. See docs/architecture.md.
 *   config.ts  (the environment, parsed)                     imports nothing from src/
 *   platform   (db, schema, tenancy, http, crypto, logging, jobs) imports no domain
 *   providers  (Stripe, HubSpot, PayPal clients)              imports platform and config only
 *   domains    (accounts, catalog, forms, checkout, payments, sync, connections, monitor, …)
 *   composition (server.ts, bootstrap.ts, cli.ts, commands/)  imports anything; nothing imports it
 */
const domains = '(accounts|catalog|checkout|connections|dashboard|demo|forms|monitor|payments|sync|widget)';
const composition = '(server|bootstrap|cli)\\.ts$|^src/commands/';

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'An import cycle between modules.', from: {}, to: { circular: true } },
    { name: 'no-circular-folders', severity: 'error', comment: 'An import cycle between folders: layers must point one way.', scope: 'folder', from: {}, to: { circular: true } },
    {
      name: 'config-imports-nothing-internal',
      severity: 'error',
      comment: 'config.ts parses the environment; each domain owns its defaults and reads its settings from it.',
      from: { path: '^src/config\\.ts$' },
      to: { path: '^src/' },
    },
    {
      name: 'platform-imports-no-domain',
      severity: 'error',
      from: { path: '^src/platform/' },
      to: { path: [`^src/${domains}/`, '^src/providers/', '^src/sandbox/', `^src/${composition}`] },
    },
    {
      name: 'providers-import-no-domain',
      severity: 'error',
      from: { path: '^src/providers/' },
      to: { path: [`^src/${domains}/`, '^src/sandbox/', `^src/${composition}`] },
    },
    {
      name: 'nothing-imports-the-composition-root',
      severity: 'error',
      from: { path: '^src/', pathNot: `^src/${composition}` },
      to: { path: `^src/${composition}` },
    },
    { name: 'no-unresolvable', severity: 'error', from: {}, to: { couldNotResolve: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.ts$' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
