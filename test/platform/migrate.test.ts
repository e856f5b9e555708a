import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/platform/db/connect.js';
import { migrate, migrationsDir, pendingMigrations, readMigrations, type Migration } from '../../src/platform/schema/migrate.js';
import { createTestDatabase, drivers, type TestDatabase } from '../helpers/databases.js';

const shipped = readMigrations();

async function appliedRows(db: TestDatabase) {
  const { rows } = await db.database.query<{ version: string; name: string; checksum: string }>(
    'SELECT version, name, checksum FROM schema_migrations ORDER BY version',
    [],
  );
  return rows;
}

async function tableExists(db: TestDatabase, table: string) {
  const { rows } = await db.database.query<{ present: boolean }>('SELECT to_regclass($1) IS NOT NULL AS present', [table]);
  return rows[0].present;
}

/** A migration as readMigrations would build it from a file. */
function migration(version: string, slug: string, sql: string): Migration {
  return { version, name: `${version}_${slug}`, sql, checksum: crypto.createHash('sha256').update(sql).digest('hex') };
}

describe('readMigrations', () => {
  it('reads migrations/ in version order with a sha256 checksum of each file', () => {
    expect(shipped.length).toBeGreaterThan(0);
    expect(shipped.map((m) => m.version)).toEqual([...shipped.map((m) => m.version)].sort());
    expect(new Set(shipped.map((m) => m.version)).size).toBe(shipped.length);
    for (const m of shipped) {
      const text = fs.readFileSync(path.join(migrationsDir, `${m.name}.sql`), 'utf8');
      expect(m.checksum).toBe(crypto.createHash('sha256').update(text).digest('hex'));
      expect(m.name.startsWith(`${m.version}_`)).toBe(true);
    }
  });

  it('ignores files that are not NNNN_name.sql', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opp-migrations-'));
    try {
      fs.writeFileSync(path.join(dir, '0002_second.sql'), 'SELECT 2;');
      fs.writeFileSync(path.join(dir, '0001_first.sql'), 'SELECT 1;');
      fs.writeFileSync(path.join(dir, 'README.md'), '# notes');
      fs.writeFileSync(path.join(dir, '0003_draft.sql.bak'), 'SELECT 3;');
      expect(readMigrations(dir).map((m) => m.name)).toEqual(['0001_first', '0002_second']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.each(drivers)('migrate on a fresh database (%s)', (driver) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(driver, { migrate: false });
  });
  afterAll(() => db.close());

  it('applies every migration once, then nothing', async () => {
    expect(await tableExists(db, 'schema_migrations')).toBe(false);
    expect(await pendingMigrations(db.database)).toEqual(shipped.map((m) => m.name));

    expect(await migrate(db.database)).toEqual(shipped.map((m) => m.name));
    expect(await appliedRows(db)).toEqual(shipped.map(({ version, name, checksum }) => ({ version, name, checksum })));
    expect(await pendingMigrations(db.database)).toEqual([]);
    expect(await tableExists(db, 'provider_connections')).toBe(true);

    expect(await migrate(db.database)).toEqual([]);
    expect(await appliedRows(db)).toHaveLength(shipped.length);
    expect(await pendingMigrations(db.database)).toEqual([]);
  });
});

// These share one migrated database; each adds migrations under its own versions.
describe.each(drivers)('migrate on a migrated database (%s)', (driver) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(driver);
  });
  afterAll(() => db.close());

  it('applies only the migrations added since the last run', async () => {
    const next = migration('9001', 'add_probe', 'CREATE TABLE migrate_probe (id int PRIMARY KEY);');
    expect(await pendingMigrations(db.database, [...shipped, next])).toEqual([next.name]);
    expect(await migrate(db.database, [...shipped, next])).toEqual([next.name]);
    expect(await tableExists(db, 'migrate_probe')).toBe(true);
    expect(await pendingMigrations(db.database, [...shipped, next])).toEqual([]);
  });

  it('refuses to run when an applied migration was changed afterwards', async () => {
    const edited = shipped.map((m, i) => (i === 0 ? migration(m.version, m.name.slice(5), `${m.sql}\n-- edited later\n`) : m));
    await expect(migrate(db.database, edited)).rejects.toThrow(new RegExp(`${shipped[0].name} was changed after it was applied`));
  });

  it('rolls a failing migration back entirely and does not record it', async () => {
    const broken = migration('9002', 'broken', 'CREATE TABLE half_done (id int);\nSELECT no_such_column FROM half_done;');
    await expect(migrate(db.database, [...shipped, broken])).rejects.toThrow(/9002_broken failed/);
    expect(await tableExists(db, 'half_done')).toBe(false);
    expect((await appliedRows(db)).map((r) => r.version)).not.toContain('9002');
    expect(await pendingMigrations(db.database, [...shipped, broken])).toEqual([broken.name]);

    // The connection is usable afterwards: the fixed migration applies.
    const fixed = migration('9002', 'broken', 'CREATE TABLE half_done (id int);');
    expect(await migrate(db.database, [...shipped, fixed])).toEqual([fixed.name]);
  });
});

describe.runIf(drivers.includes('pg'))('migrate on PostgreSQL with instances starting together', () => {
  const opened: { close(): Promise<void> }[] = [];
  afterAll(async () => {
    for (const handle of opened.reverse()) await handle.close();
  });

  it('applies each migration once when two instances migrate one fresh database at the same time', async () => {
    const db = await createTestDatabase('pg', { migrate: false });
    opened.push(db);
    // A second instance: its own connection pool on the same database.
    const second = await openDatabase({ databaseUrl: db.url, poolSize: 2 });
    opened.push(second);
    const slow = migration('9003', 'slow', 'SELECT pg_sleep(0.3); CREATE TABLE slow_probe (id int);');
    const all = [...shipped, slow];

    const results = await Promise.all([migrate(db.database, all), migrate(second, all)]);

    for (const result of results) expect(result).toSatisfy((r: string[]) => r.length === 0 || r.length === all.length);
    expect(results.flat().sort()).toEqual(all.map((m) => m.name).sort());
    const { rows } = await db.database.query<{ version: string; n: number }>('SELECT version, count(*)::int AS n FROM schema_migrations GROUP BY version ORDER BY version', []);
    expect(rows).toEqual(all.map((m) => ({ version: m.version, n: 1 })));
    expect(await pendingMigrations(second, all)).toEqual([]);
  });
});
