import fs from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

type Lock = { packages: Record<string, { engines?: { node?: string } | string[]; optional?: boolean }> };
const read = <T>(file: string) => JSON.parse(fs.readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8')) as T;

/**
 * Issue 12: package.json's engine is true — every locked dependency, dev ones too, installs without an engine warning on the
 * oldest Node it declares. Optional packages are left out: npm skips one whose engine does not match, without a warning.
 */
describe('the declared Node engine', () => {
  it('is met by every package in the lockfile', () => {
    const declared = read<{ engines: { node: string } }>('package.json').engines.node;
    const oldest = semver.minVersion(declared);
    expect(oldest?.version).toBe('20.19.0');
    const refused = Object.entries(read<Lock>('package-lock.json').packages)
      .flatMap(([where, pkg]) => {
        const node = Array.isArray(pkg.engines) ? undefined : pkg.engines?.node;
        return node && !pkg.optional && !semver.satisfies(oldest!, node) ? [`${where.replace(/^node_modules\//, '')} needs node ${node}`] : [];
      });
    expect(refused).toEqual([]);
  });
});
