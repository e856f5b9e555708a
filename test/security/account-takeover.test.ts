import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drivers } from '../helpers/databases.js';
import { startTestApp, TestClient, uniqueEmail, type TestApp } from '../helpers/harness.js';

const victimPassword = 'victim secret passphrase';

/** Issue 11, High 1: an inviter must not be able to guess (or learn about) an invited user's password. */
describe.each(drivers)('invites and sign-up cannot take over or reveal accounts (%s)', (driver) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(driver);
  });
  afterAll(() => t.close());

  async function inviteLink(inviter: TestClient, email: string) {
    const invite = await inviter.request('POST', '/api/v1/invites', { email, role: 'admin' });
    expect(invite.statusCode).toBe(201);
    return new URL(invite.json().inviteUrl).hash.slice(1);
  }

  async function anonymousAccept(token: string, password: string) {
    const client = new TestClient(t.app);
    await client.fetchCsrf();
    const res = await client.request('POST', '/api/v1/auth/accept-invite', { token, password });
    return { client, res };
  }

  it("never checks an existing user's password: right and wrong guesses get the same answer as a new email, and no session", async () => {
    const victimEmail = uniqueEmail('victim');
    const victim = new TestClient(t.app);
    const victimAccount = (await victim.signup(victimEmail, victimPassword)).account.id;
    const attacker = new TestClient(t.app);
    await attacker.signup(uniqueEmail('attacker'));

    const token = await inviteLink(attacker, victimEmail);
    const wrong = await anonymousAccept(token, 'a wrong guess 123');
    const right = await anonymousAccept(token, victimPassword);
    const fresh = await anonymousAccept(await inviteLink(attacker, uniqueEmail('newcomer')), 'a good new password');

    for (const attempt of [wrong, right, fresh]) {
      expect(attempt.res.statusCode).toBe(202);
      expect(Object.keys(attempt.res.json()).sort()).toEqual(['email', 'next']);
      expect(attempt.res.json().next).toBe('sign_in');
      // No session was given: the caller is still anonymous.
      expect((await attempt.client.request('GET', '/api/v1/me')).statusCode).toBe(401);
    }
    expect(wrong.res.json()).toEqual(right.res.json());

    // The victim's password still works, their account is untouched, and they did not join the attacker's team.
    const members = await attacker.request('GET', '/api/v1/members');
    expect(members.json().data.map((m: { email: string }) => m.email)).not.toContain(victimEmail);
    const again = await new TestClient(t.app).login(victimEmail, victimPassword);
    expect(again.statusCode).toBe(200);
    expect(again.json().account.id).toBe(victimAccount);
  });

  it('an existing user joins only while signed in as the invited email', async () => {
    const inviter = new TestClient(t.app);
    await inviter.signup(uniqueEmail('inviter'));
    const joinerEmail = uniqueEmail('joiner');
    const joiner = new TestClient(t.app);
    await joiner.signup(joinerEmail);
    const someoneElse = new TestClient(t.app);
    await someoneElse.signup(uniqueEmail('else'));

    const token = await inviteLink(inviter, joinerEmail);
    const wrongUser = await someoneElse.request('POST', '/api/v1/auth/accept-invite', { token });
    expect(wrongUser.statusCode).toBe(403);
    expect(wrongUser.json().error.message).toMatch(/another email address/);

    const joined = await joiner.request('POST', '/api/v1/auth/accept-invite', { token });
    expect(joined.statusCode).toBe(200);
    expect(joined.json()).toMatchObject({ role: 'admin', user: { email: joinerEmail } });
    expect(joined.json().accounts).toHaveLength(2);
    // Used once: a second acceptance by anyone else finds nothing.
    expect((await someoneElse.request('POST', '/api/v1/auth/accept-invite', { token })).statusCode).toBe(403);
    expect((await anonymousAccept(token, 'a good new password')).res.statusCode).toBe(404);
  });

  it('a new user created through an invite signs in, then accepting again while signed in just opens the account', async () => {
    const inviter = new TestClient(t.app);
    const inviterAccount = (await inviter.signup(uniqueEmail('inv2'))).account.id;
    const email = uniqueEmail('brandnew');
    const token = await inviteLink(inviter, email);
    const { client } = await anonymousAccept(token, 'a good new password');
    const login = await client.login(email, 'a good new password');
    expect(login.statusCode).toBe(200);
    expect(login.json().account.id).toBe(inviterAccount);
    const open = await client.request('POST', '/api/v1/auth/accept-invite', { token });
    expect(open.statusCode).toBe(200);
    expect(open.json()).toMatchObject({ role: 'admin', account: { id: inviterAccount } });
  });

  it('sign-up answers the same for a registered and a new email, and never changes the registered one', async () => {
    const email = uniqueEmail('registered');
    await new TestClient(t.app).signup(email, victimPassword);

    const answers = [];
    for (const [address, password] of [
      [email, 'attacker password 1'],
      [uniqueEmail('unregistered'), 'attacker password 1'],
    ] as const) {
      const client = new TestClient(t.app);
      await client.fetchCsrf();
      const res = await client.request('POST', '/api/v1/auth/signup', { email: address, password });
      expect(res.statusCode).toBe(202);
      expect((await client.request('GET', '/api/v1/me')).statusCode).toBe(401);
      answers.push({ ...res.json(), email: 'x' });
    }
    expect(answers[0]).toEqual(answers[1]);
    expect((await new TestClient(t.app).login(email, 'attacker password 1')).statusCode).toBe(401);
    expect((await new TestClient(t.app).login(email, victimPassword)).statusCode).toBe(200);
  });

  it('limits sign-ups per IP', async () => {
    const statuses = [];
    for (let i = 0; i < 11; i++) {
      const client = new TestClient(t.app);
      client.ip = '10.200.0.1';
      await client.fetchCsrf();
      statuses.push((await client.request('POST', '/api/v1/auth/signup', { email: uniqueEmail('burst'), password: 'long enough password' })).statusCode);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(202));
    expect(statuses[10]).toBe(429);
  });
});
