/**
 * Import rules for src/ (npm run lint): layers point one way. See docs/architecture.md.
 *   config.ts  (the environment, parsed)                     imports nothing from src/
 *   platform   (db, schema, tenancy, http, crypto, logging, jobs) imports no domain
 *   providers  (Stripe, HubSpot, PayPal clients)              imports platform and config only
 *   domains    (accounts, catalog, forms, checkout, payments, sync, connections, monitor, …)
 *   composition (server.ts, bootstrap.ts, cli.ts, commands/)  imports anything; nothing imports it
 * And web/ (the widget and the dashboard, run in browsers) imports from src/ only the API's schemas
 * (each folder's schemas.ts, for their types) and the few constants both sides check against.
 */
const domains = '(accounts|backup|catalog|checkout|connections|dashboard|demo|forms|monitor|payments|sync|widget)';
const composition = '(server|bootstrap|cli)\\.ts$|^src/commands/';
// What web/ may import from src/: the API's schemas and what they are made of (typebox, enums, id patterns).
const sharedWithWeb = '^src/[a-z/-]*/(schemas|page-schema|password-rules|currencies|ids|schema|errors)\\.ts$';

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'An import cycle between modules.', from: {}, to: { circular: true } },
    { name: 'no-circular-folders', severity: 'error', comment: 'An import cycle between folders of the server: layers must point one way.', scope: 'folder', from: { path: '^src/' }, to: { circular: true } },
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
    {
      name: 'web-imports-only-the-api-schemas',
      severity: 'error',
      comment: "The browser code shares the server's schemas (types) and rules, nothing that runs on the server.",
      from: { path: '^web/' },
      to: { path: '^src/', pathNot: sharedWithWeb },
    },
    {
      name: 'api-schemas-stay-pure',
      severity: 'error',
      comment: 'Schemas are imported by web/ too: they are built from typebox and other shared pieces only.',
      from: { path: sharedWithWeb },
      to: { path: '^src/', pathNot: sharedWithWeb },
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
