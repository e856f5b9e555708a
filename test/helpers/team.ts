import type { App } from '../../src/platform/http/types.js';
import { TestClient, uniqueEmail } from './harness.js';

export interface Team {
  accountId: string;
  owner: TestClient;
  admin: TestClient;
  viewer: TestClient;
  emails: { owner: string; admin: string; viewer: string };
  userIds: { owner: string; admin: string; viewer: string };
}

/** Joins a new client to the owner's account through a real invite link (a new user, or an existing one with the default password). */
export async function inviteAndAccept(app: App, owner: TestClient, role: 'admin' | 'viewer', email = uniqueEmail(role)) {
  const invite = await owner.request('POST', '/api/v1/invites', { email, role });
  if (invite.statusCode !== 201) throw new Error(`invite failed: ${invite.statusCode} ${invite.body}`);
  const token = new URL(invite.json().inviteUrl).hash.slice(1);
  const client = new TestClient(app);
  client.origin = owner.origin; // the invitee uses the same site
  await client.fetchCsrf();
  const accepted = await client.request('POST', '/api/v1/auth/accept-invite', { token, password: 'correct horse battery', name: role });
  if (accepted.statusCode !== 202) throw new Error(`accept failed: ${accepted.statusCode} ${accepted.body}`);
  // As the dashboard does: sign in through the normal login, then accept while signed in.
  const signedIn = await client.login(email);
  if (signedIn.statusCode !== 200) throw new Error(`sign-in after accept failed: ${signedIn.statusCode} ${signedIn.body}`);
  const joined = await client.request('POST', '/api/v1/auth/accept-invite', { token });
  if (joined.statusCode !== 200) throw new Error(`signed-in accept failed: ${joined.statusCode} ${joined.body}`);
  return { client, email, userId: joined.json().user.id as string, inviteId: invite.json().id as string };
}

/** An account with an owner, an admin and a viewer, each signed in with their own session. */
export async function createTeam(app: App, label: string): Promise<Team> {
  const owner = new TestClient(app);
  const ownerEmail = uniqueEmail(`${label}-owner`);
  const signed = await owner.signup(ownerEmail, 'correct horse battery', { accountName: `${label} Inc` });
  const admin = await inviteAndAccept(app, owner, 'admin', uniqueEmail(`${label}-admin`));
  const viewer = await inviteAndAccept(app, owner, 'viewer', uniqueEmail(`${label}-viewer`));
  return {
    accountId: signed.account.id,
    owner,
    admin: admin.client,
    viewer: viewer.client,
    emails: { owner: ownerEmail, admin: admin.email, viewer: viewer.email },
    userIds: { owner: signed.user.id, admin: admin.userId, viewer: viewer.userId },
  };
}
