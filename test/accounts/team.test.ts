import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drivers } from '../helpers/databases.js';
import { startTestApp, TestClient, uniqueEmail, type TestApp } from '../helpers/harness.js';
import { createTeam, inviteAndAccept } from '../helpers/team.js';

describe.each(drivers)('team: invites, roles, removal (%s)', (driver) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(driver);
  });
  afterAll(() => t.close());

  it('an invite link makes a member with the invited role, once', async () => {
    const team = await createTeam(t.app, 'inv');
    const me = await team.viewer.request('GET', '/api/v1/me');
    expect(me.json()).toMatchObject({ role: 'viewer', account: { id: team.accountId } });

    const invite = await team.owner.request('POST', '/api/v1/invites', { email: uniqueEmail('twice'), role: 'viewer' });
    const token = new URL(invite.json().inviteUrl).hash.slice(1);
    const first = new TestClient(t.app);
    await first.fetchCsrf();
    expect((await first.request('POST', '/api/v1/auth/accept-invite', { token, password: 'correct horse battery' })).statusCode).toBe(202);
    const second = new TestClient(t.app);
    await second.fetchCsrf();
    const again = await second.request('POST', '/api/v1/auth/accept-invite', { token, password: 'correct horse battery' });
    expect(again.statusCode).toBe(404);
  });

  it('a viewer can read but not invite, rename or change roles', async () => {
    const team = await createTeam(t.app, 'view');
    expect((await team.viewer.request('GET', '/api/v1/members')).statusCode).toBe(200);
    expect((await team.viewer.request('POST', '/api/v1/invites', { email: uniqueEmail(), role: 'viewer' })).statusCode).toBe(403);
    expect((await team.viewer.request('PATCH', '/api/v1/account', { name: 'nope' })).statusCode).toBe(403);
    expect((await team.viewer.request('PATCH', `/api/v1/members/${team.userIds.admin}`, { role: 'viewer' })).statusCode).toBe(403);
  });

  it('an admin cannot touch the owner or make an owner; the last owner stays', async () => {
    const team = await createTeam(t.app, 'own');
    expect((await team.admin.request('PATCH', `/api/v1/members/${team.userIds.viewer}`, { role: 'owner' })).statusCode).toBe(403);
    expect((await team.admin.request('DELETE', `/api/v1/members/${team.userIds.owner}`)).statusCode).toBe(403);
    const demoteSelf = await team.owner.request('PATCH', `/api/v1/members/${team.userIds.owner}`, { role: 'admin' });
    expect(demoteSelf.statusCode).toBe(409);
    expect(demoteSelf.json().error.message).toMatch(/at least one owner/);
  });

  it('a role change takes effect at once and ends the member\'s sessions (privilege change)', async () => {
    const team = await createTeam(t.app, 'role');
    expect((await team.admin.request('GET', '/api/v1/invites')).statusCode).toBe(200);
    const res = await team.owner.request('PATCH', `/api/v1/members/${team.userIds.admin}`, { role: 'viewer' });
    expect(res.statusCode).toBe(200);
    expect(res.json().role).toBe('viewer');
    expect((await team.admin.request('GET', '/api/v1/invites')).statusCode).toBe(401);
    const relogin = new TestClient(t.app);
    expect((await relogin.login(team.emails.admin)).json().role).toBe('viewer');
    expect((await relogin.request('GET', '/api/v1/invites')).statusCode).toBe(403);
  });

  it('removing a member ends their access', async () => {
    const team = await createTeam(t.app, 'rm');
    expect((await team.owner.request('DELETE', `/api/v1/members/${team.userIds.viewer}`)).statusCode).toBe(204);
    expect((await team.viewer.request('GET', '/api/v1/me')).statusCode).toBe(401);
    const members = (await team.owner.request('GET', '/api/v1/members')).json().data as { userId: string }[];
    expect(members.map((m) => m.userId)).not.toContain(team.userIds.viewer);
  });

  it('switching to another account issues a new session id', async () => {
    const a = await createTeam(t.app, 'swa');
    const other = new TestClient(t.app);
    await other.signup(uniqueEmail('swb-owner'));
    const joined = await inviteAndAccept(t.app, other, 'admin', a.emails.admin);
    expect(joined.userId).toBe(a.userIds.admin);
    const client = a.admin;
    const me = (await client.request('GET', '/api/v1/me')).json();
    expect(me.accounts).toHaveLength(2);
    const target = me.accounts.find((acc: { id: string }) => acc.id !== me.account.id).id;
    const before = client.cookieHeader();
    const switched = await client.request('PUT', '/api/v1/me/account', { accountId: target });
    expect(switched.statusCode).toBe(200);
    expect(switched.json().account.id).toBe(target);
    expect(client.cookieHeader()).not.toBe(before);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: before } })).statusCode).toBe(401);
  });

  it('records sign-ins, invites, role changes and removals in the audit log', async () => {
    const team = await createTeam(t.app, 'audit');
    await team.owner.request('PATCH', `/api/v1/members/${team.userIds.viewer}`, { role: 'admin' });
    await team.owner.request('DELETE', `/api/v1/members/${team.userIds.viewer}`);
    const log = (await team.owner.request('GET', '/api/v1/audit-log')).json().data as { action: string; actor: string | null }[];
    const actions = log.map((e) => e.action);
    for (const action of ['account.created', 'auth.signed_in', 'member.invited', 'member.joined', 'member.role_changed', 'member.removed']) {
      expect(actions).toContain(action);
    }
    expect(log.find((e) => e.action === 'member.removed')?.actor).toBe(team.emails.owner);
  });
});
