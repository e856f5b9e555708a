import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../src/accounts/create-account.js';
import { withTenant } from '../../src/platform/db/tenant.js';
import { enqueue } from '../../src/platform/jobs/enqueue.js';
import { queues } from '../../src/platform/jobs/queues.js';
import { migrate } from '../../src/platform/schema/migrate.js';
import { createTestDatabase, drivers, type TestDatabase } from '../helpers/databases.js';

describe.each(drivers)('jobs enqueued in a tenant transaction (%s)', (driver) => {
  let t: TestDatabase;
  let accountId: string;
  beforeAll(async () => {
    t = await createTestDatabase(driver);
    accountId = (await createAccount(t.database, { email: 'jobs@example.com', password: 'correct horse battery' })).accountId;
  }, 60_000);
  afterAll(() => t.close());

  const jobsWith = async (marker: string) =>
    (await t.database.query<{ name: string }>(`SELECT name FROM pgboss.job WHERE data->>'marker' = $1`, [marker])).rows;

  it('exists once the transaction commits, in the queue it was sent to', async () => {
    const id = await withTenant(t.database, accountId, (tx) => enqueue(tx, queues.hubspotSync.name, { marker: 'committed' }));
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await jobsWith('committed')).toEqual([{ name: 'hubspot-sync' }]);
  });

  it('does not exist when the transaction rolls back', async () => {
    await expect(
      withTenant(t.database, accountId, async (tx) => {
        await enqueue(tx, queues.hubspotSync.name, { marker: 'rolled-back' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await jobsWith('rolled-back')).toEqual([]);
  });

  it('keeps the queues and their retry policy when migrate runs again', async () => {
    await migrate(t.database);
    const { rows } = await t.database.query<{ name: string; retry_limit: number; dead_letter: string | null }>(
      `SELECT name, retry_limit, dead_letter FROM pgboss.queue ORDER BY name`,
    );
    expect(rows).toEqual(
      Object.values(queues)
        .map((q) => ({ name: q.name, retry_limit: q.options.retryLimit, dead_letter: 'deadLetter' in q.options ? q.options.deadLetter : null }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    );
  });
});
