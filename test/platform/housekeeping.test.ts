import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { housekeeping, housekeepingCron, startHousekeeping } from '../../src/commands/housekeeping.js';
import { startJobs } from '../../src/platform/jobs/boss.js';
import { drivers } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/harness.js';

describe.each(drivers)('housekeeping (%s)', (driver) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(driver);
  });
  afterAll(async () => {
    await t?.close();
  });

  const rows = async <T>(text: string, params: unknown[] = []) => (await t.ctx.database.query<T>(text, params)).rows;
  const keys = async (table: string, tag: string) =>
    (await rows<{ key: string }>(`SELECT ${table === 'sessions' ? 'id_hash' : 'key'} AS key FROM ${table} WHERE ${table === 'sessions' ? 'id_hash' : 'key'} LIKE $1 ORDER BY 1`, [`${tag}%`])).map((r) => r.key);

  /** Per table: one row housekeeping must delete (`spent`) and the ones it must keep. */
  async function seed(tag: string) {
    await rows(`INSERT INTO sessions (id_hash, csrf_token, expires_at) VALUES ($1, 'x', now() - interval '1 minute'), ($2, 'x', now() + interval '1 hour')`, [
      `${tag}-spent`,
      `${tag}-valid`,
    ]);
    await rows(
      `INSERT INTO login_throttle (key, failures, window_started_at, locked_until) VALUES
         ($1, 3, now() - interval '1 hour', NULL),
         ($2, 5, now() - interval '1 hour', now() + interval '5 minutes'),
         ($3, 2, now() - interval '1 minute', NULL)`,
      [`${tag}-spent`, `${tag}-locked`, `${tag}-window`],
    );
    await rows(
      `INSERT INTO checkout_throttle (key, count, window_started_at, blocked_until) VALUES
         ($1, 4, now() - interval '1 hour', now() - interval '1 minute'),
         ($2, 5, now() - interval '1 hour', now() + interval '30 minutes'),
         ($3, 2, now() - interval '1 minute', NULL)`,
      [`${tag}-spent`, `${tag}-blocked`, `${tag}-window`],
    );
  }
  async function expectOnlySpentGone(tag: string) {
    expect(await keys('sessions', tag)).toEqual([`${tag}-valid`]);
    expect(await keys('login_throttle', tag)).toEqual([`${tag}-locked`, `${tag}-window`]);
    expect(await keys('checkout_throttle', tag)).toEqual([`${tag}-blocked`, `${tag}-window`]);
  }

  it('deletes expired sessions and limit counters whose window ended unlocked, and keeps the rest', async () => {
    await seed('direct');
    expect(await keys('sessions', 'direct')).toHaveLength(2);
    await housekeeping(t.ctx);
    await expectOnlySpentGone('direct');
  });

  it('runs every hour through pg-boss: the cron is registered and a run does the same', async () => {
    const boss = await startJobs(t.ctx.database, { schedule: false, supervise: false });
    const job = await startHousekeeping(t.ctx, boss);
    try {
      expect((await boss.getSchedules()).filter((s) => s.name === 'housekeeping')).toMatchObject([{ cron: housekeepingCron, timezone: 'UTC' }]);
      await seed('scheduled');
      await boss.send('housekeeping', {}); // what the cron does at minute 17
      await expect.poll(() => keys('sessions', 'scheduled'), { timeout: 20_000, interval: 200 }).toEqual(['scheduled-valid']);
      await expectOnlySpentGone('scheduled');
    } finally {
      await job.stop();
      await boss.stop({ graceful: false, wait: true });
    }
  });
});
