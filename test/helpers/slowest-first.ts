import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The test files that took longest, measured on two cores (2026-12-04, `vitest run
 * --reporter=json` with DATABASE_URL set), longest first. Vitest orders files by the durations it
 * cached on an earlier run, which a clean checkout does not have, and otherwise by file size: small
 * files with much work (the fuzz shards) then started last and ran alone at the end. Starting the
 * longest first lets the workers finish together. Refresh the list when a file grows much slower.
 */
export const slowestFiles = [
  'test/cli/cli.test.ts',
  'test/security/fuzz-1-of-3.test.ts',
  'test/cli/serve-demo.test.ts',
  'test/backup/backups.test.ts',
  'test/security/fuzz-2-of-3.test.ts',
  'test/deploy/two-instances.test.ts',
  'test/security/fuzz-3-of-3.test.ts',
  'test/sync/hubspot-sync.load.test.ts',
  'test/cli/backup-restore.test.ts',
  'test/checkout/card-testing.test.ts',
  'test/sync/hubspot-sync.test.ts',
  'test/checkout/paypal-flow.test.ts',
  'test/platform/rotate-key.test.ts',
  'test/payments/reconcile.test.ts',
  'test/connections/hubspot-oauth.test.ts',
  'test/payments/export.test.ts',
  'test/deploy/install-from-tarball.test.ts',
  'test/connections/stripe-connect.error.test.ts',
  'test/platform/migrate.test.ts',
  'test/backup/restore-drill.test.ts',
  'test/monitor/provider-monitor.test.ts',
  'test/connections/hubspot-connect.happy.test.ts',
  'test/security/authorization-matrix.test.ts',
  'test/checkout/card-outcomes.test.ts',
  'test/email/receipts.test.ts',
  'test/sandbox/command.test.ts',
  'test/sync/worker-command.test.ts',
  'test/payments/reconcile-sigkill.test.ts',
];

/** Runs the files of `slowestFiles` first, in that order, then the others as Vitest orders them. */
export default class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (spec: TestSpecification) => {
      const at = slowestFiles.findIndex((file) => spec.moduleId.endsWith(file));
      return at < 0 ? slowestFiles.length : at;
    };
    return sorted.map((spec, i) => ({ spec, i })).sort((a, b) => rank(a.spec) - rank(b.spec) || a.i - b.i).map(({ spec }) => spec);
  }
}
