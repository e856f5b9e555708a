import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drivers } from '../helpers/databases.js';
import { startTestApp, TestClient, uniqueEmail, type TestApp } from '../helpers/harness.js';
import { startSmtp } from '../helpers/smtp.js';

describe.each(drivers)('forgot password and invites by email (%s)', (driver) => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let t: TestApp;
  let off: TestApp;
  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp(driver, { SMTP_URL: smtp.url, MAIL_FROM: 'OnePagePay <accounts@onepagepay.example>' });
    off = await startTestApp(driver, { SANDBOX: '0' });
  });
  afterAll(async () => {
    await t?.close();
    await off?.close();
    await smtp?.close();
  });

  const mailsTo = (email: string) => smtp.received.filter((m) => m.envelope.to.includes(email));
  const linkIn = (text: string) => /\/reset-password#([A-Za-z0-9_-]+)/.exec(text)?.[1];
  /** A visitor on the sign-in page (a pre-login session and its CSRF token), from the given address. */
  const visitor = async (app: TestApp, ip?: string) => {
    const client = new TestClient(app.app);
    if (ip) client.ip = ip;
    await client.fetchCsrf();
    return client;
  };
  const ask = async (app: TestApp, email: string, ip = '198.51.100.1') => (await visitor(app, ip)).request('POST', '/api/v1/auth/password-reset', { email });
  const confirm = async (token: string, password: string) => (await visitor(t)).request('POST', '/api/v1/auth/password-reset/confirm', { token, password });

  it('answers the same for a registered and an unknown email; only the registered one gets a single-use link', async () => {
    const email = uniqueEmail('forgot');
    await new TestClient(t.app).signup(email);
    const known = await ask(t, email.toUpperCase());
    const unknown = await ask(t, uniqueEmail('nobody'));
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(Object.keys(known.json())).toEqual(Object.keys(unknown.json()));
    expect(known.json()).toEqual({ next: 'check_email', email });
    await expect.poll(() => mailsTo(email).length).toBe(1);
    const [mail] = mailsTo(email);
    expect(mail!.subject).toBe('Reset your OnePagePay password');
    expect(linkIn(mail!.text)).toBeTruthy();
    // Only the token's hash is stored.
    const { rows } = await t.ctx.database.query<{ token_hash: string }>('SELECT token_hash FROM password_resets');
    expect(rows.map((r) => r.token_hash)).not.toContain(linkIn(mail!.text));
  });

  it('a new password through the link ends every session, works once, and the old password no longer does', async () => {
    const email = uniqueEmail('reset');
    const elsewhere = new TestClient(t.app);
    await elsewhere.signup(email, 'the old password 1');
    expect((await elsewhere.request('GET', '/api/v1/me')).statusCode).toBe(200);

    await ask(t, email, '198.51.100.2');
    await expect.poll(() => mailsTo(email).length).toBe(1);
    const token = linkIn(mailsTo(email)[0]!.text)!;
    expect((await confirm(token, 'short')).statusCode).toBe(400);
    const done = await confirm(token, 'the new password 2');
    expect(done.statusCode).toBe(200);
    expect(done.json()).toEqual({ next: 'sign_in', email });

    expect((await elsewhere.request('GET', '/api/v1/me')).statusCode).toBe(401);
    const fresh = new TestClient(t.app);
    expect((await fresh.login(email, 'the old password 1')).statusCode).toBe(401);
    expect((await fresh.login(email, 'the new password 2')).statusCode).toBe(200);
    // Used once: the same link is refused.
    const again = await confirm(token, 'another password 3');
    expect(again.statusCode).toBe(400);
    expect(again.json().error.message).toMatch(/invalid, was used already or has expired/);
  });

  it('an expired link is refused, and so is an unknown one', async () => {
    const email = uniqueEmail('expired');
    await new TestClient(t.app).signup(email);
    await ask(t, email, '198.51.100.3');
    await expect.poll(() => mailsTo(email).length).toBe(1);
    await t.ctx.database.query(`UPDATE password_resets SET expires_at = now() - interval '1 second'`);
    expect((await confirm(linkIn(mailsTo(email)[0]!.text)!, 'the new password 4')).statusCode).toBe(400);
    expect((await confirm('x'.repeat(43), 'the new password 4')).statusCode).toBe(400);
  });

  it('is limited per email (3 per 15 minutes), whether or not it is registered', async () => {
    const email = uniqueEmail('flood');
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await ask(t, email, `198.51.100.${10 + i}`)).statusCode);
    expect(codes).toEqual([202, 202, 202, 429]);
  });

  it('emails an invite to the invitee (the copyable link stays in the answer)', async () => {
    const owner = new TestClient(t.app);
    await owner.signup(uniqueEmail('inviter'));
    await owner.request('PATCH', '/api/v1/account', { name: 'Tee Shop' });
    const invitee = uniqueEmail('invitee');
    const res = await owner.request('POST', '/api/v1/invites', { email: invitee, role: 'viewer' });
    expect(res.statusCode).toBe(201);
    expect(res.json().emailed).toBe(true);
    await expect.poll(() => mailsTo(invitee).length).toBe(1);
    const [mail] = mailsTo(invitee);
    expect(mail!.subject).toBe('Join Tee Shop on OnePagePay');
    expect(mail!.text).toContain(res.json().inviteUrl);
  });

  it('with email off, a reset makes no link (there is no way to send it) and an invite is not emailed', async () => {
    const email = uniqueEmail('nomail');
    const owner = new TestClient(off.app);
    await owner.signup(email);
    expect((await ask(off, email)).statusCode).toBe(202);
    expect((await off.ctx.database.query('SELECT 1 FROM password_resets')).rows).toEqual([]);
    expect((await owner.request('POST', '/api/v1/invites', { email: uniqueEmail('x'), role: 'viewer' })).json().emailed).toBe(false);
  });
});
