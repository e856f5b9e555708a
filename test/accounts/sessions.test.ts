import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drivers } from '../helpers/databases.js';
import { startTestApp, TestClient, uniqueEmail, type TestApp } from '../helpers/harness.js';

describe.each(drivers)('sessions and sign-in (%s)', (driver) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(driver);
  });
  afterAll(() => t.close());

  it('signs up an owner with a 32-hex account id and answers /me', async () => {
    const client = new TestClient(t.app);
    const email = uniqueEmail('owner');
    const created = await client.signup(email, 'correct horse battery', { name: 'Ada' });
    expect(created.account.id).toMatch(/^[0-9a-f]{32}$/);
    expect(created.role).toBe('owner');
    const me = await client.request('GET', '/api/v1/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ user: { email, name: 'Ada' }, role: 'owner', mode: 'test', account: { id: created.account.id } });
    // This test server has no SMTP_URL and no sandbox inbox: email is off, and /me says so (the form editor shows it).
    expect(me.json().email).toEqual({ delivery: 'off', inboxUrl: null });
  });

  it('issues a new session id at login, and the pre-login cookie is useless afterwards', async () => {
    const email = uniqueEmail('fixation');
    await new TestClient(t.app).signup(email);

    const victim = new TestClient(t.app);
    await victim.fetchCsrf();
    const preLogin = victim.cookieHeader();
    expect(preLogin).toMatch(/opp_session=/);
    const login = await victim.login(email);
    expect(login.statusCode).toBe(200);
    const postLogin = victim.cookieHeader();
    expect(postLogin).not.toBe(preLogin);

    // An attacker who planted (or stole) the pre-login cookie gets nothing.
    const attacker = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: preLogin } });
    expect(attacker.statusCode).toBe(401);
    expect(attacker.json().error.code).toBe('unauthenticated');
    expect((await victim.request('GET', '/api/v1/me')).statusCode).toBe(200);
  });

  it('logout revokes the session on the server', async () => {
    const client = new TestClient(t.app);
    await client.signup(uniqueEmail('logout'));
    const cookie = client.cookieHeader();
    const out = await client.request('POST', '/api/v1/auth/logout');
    expect(out.statusCode).toBe(204);
    const replay = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
    expect(replay.statusCode).toBe(401);
  });

  it('sets HttpOnly SameSite=Lax cookies, Secure with the __Host- prefix only over https', async () => {
    const client = new TestClient(t.app);
    const res = await client.request('GET', '/api/v1/auth/csrf');
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/^opp_session=/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).not.toMatch(/Secure/);

    const secure = await startTestApp(driver, { PUBLIC_URL: 'https://pay.example.com' });
    try {
      const r = await secure.app.inject({ method: 'GET', url: '/api/v1/auth/csrf' });
      const c = String(r.headers['set-cookie']);
      expect(c).toMatch(/^__Host-opp_session=/);
      expect(c).toMatch(/Secure/);
      expect(c).toMatch(/Path=\//);
      expect(r.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    } finally {
      await secure.close();
    }
  });

  it('gives the same answer for an unknown email and a wrong password', async () => {
    const email = uniqueEmail('enum');
    await new TestClient(t.app).signup(email);
    const wrongPassword = await new TestClient(t.app).login(email, 'not the password!!');
    const unknownEmail = await new TestClient(t.app).login(uniqueEmail('nobody'), 'not the password!!');
    expect(wrongPassword.statusCode).toBe(401);
    expect(unknownEmail.statusCode).toBe(401);
    expect(wrongPassword.json().error.message).toBe(unknownEmail.json().error.message);
  });

  it('throttles repeated failed logins per email, even with the right password afterwards', async () => {
    const email = uniqueEmail('throttle');
    await new TestClient(t.app).signup(email);
    for (let i = 0; i < 5; i++) {
      const res = await new TestClient(t.app).login(email, `wrong password ${i}`);
      expect(res.statusCode).toBe(401);
    }
    const locked = await new TestClient(t.app).login(email);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('rate_limited');
  });

  it('expires an idle session', async () => {
    const client = new TestClient(t.app);
    const email = uniqueEmail('idle');
    await client.signup(email);
    await t.ctx.database.query(`UPDATE sessions SET last_seen_at = now() - interval '2 hours' WHERE user_id = (SELECT id FROM users WHERE email = $1)`, [email]);
    expect((await client.request('GET', '/api/v1/me')).statusCode).toBe(401);
  });

  it('expires a session past its absolute lifetime even when active', async () => {
    const client = new TestClient(t.app);
    const email = uniqueEmail('absolute');
    await client.signup(email);
    await t.ctx.database.query(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = (SELECT id FROM users WHERE email = $1)`, [email]);
    expect((await client.request('GET', '/api/v1/me')).statusCode).toBe(401);
  });

  it('refuses a password shorter than the rules, saying why', async () => {
    const client = new TestClient(t.app);
    await client.fetchCsrf();
    const res = await client.request('POST', '/api/v1/auth/signup', { email: uniqueEmail('short'), password: 'short' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/at least 10 characters/);
  });
});
