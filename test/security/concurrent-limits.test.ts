import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drivers } from '../helpers/databases.js';
import { startTestApp, TestClient, uniqueEmail, type TestApp } from '../helpers/harness.js';
import { createTeam, inviteAndAccept } from '../helpers/team.js';

/** Issue 11, Medium 3: limits and the last-owner rule decide atomically, so a concurrent burst cannot beat them. */
describe.each(drivers)('limits and team rules under concurrency (%s)', (driver) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(driver);
  });
  afterAll(() => t.close());

  it('checks at most 5 passwords for one email, however many arrive at once', async () => {
    const email = uniqueEmail('burst');
    await new TestClient(t.app).signup(email);
    const guessers = await Promise.all(
      Array.from({ length: 30 }, async (_, i) => {
        const client = new TestClient(t.app);
        await client.fetchCsrf();
        return client.request('POST', '/api/v1/auth/login', { email, password: `wrong password ${i}` });
      }),
    );
    const statuses = guessers.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 401).length + statuses.filter((s) => s === 429).length).toBe(30);
    // Locked now: even the right password waits out the window.
    expect((await new TestClient(t.app).login(email)).statusCode).toBe(429);
  });

  it('two owners demoting each other at once leave the account one owner', async () => {
    const team = await createTeam(t.app, 'owners');
    const second = await inviteAndAccept(t.app, team.owner, 'admin');
    expect((await team.owner.request('PATCH', `/api/v1/members/${second.userId}`, { role: 'owner' })).statusCode).toBe(200);
    const secondOwner = new TestClient(t.app);
    secondOwner.ip = second.client.ip;
    expect((await secondOwner.login(second.email)).statusCode).toBe(200);

    const [a, b] = await Promise.all([
      team.owner.request('PATCH', `/api/v1/members/${second.userId}`, { role: 'admin' }),
      secondOwner.request('PATCH', `/api/v1/members/${team.userIds.owner}`, { role: 'admin' }),
    ]);
    // One wins. The other is refused either as the last owner's demotion (409, it waited on the lock)
    // or because its sender is no longer an owner (403, it arrived after the winner committed).
    const statuses = [a.statusCode, b.statusCode].sort();
    expect(statuses[0]).toBe(200);
    expect([403, 409]).toContain(statuses[1]);
    const { rows } = await t.ctx.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM memberships WHERE account_id = $1 AND role = 'owner'`, [team.accountId]);
    expect(rows[0]!.n).toBe(1);
  });
});
