import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Access } from '../../src/platform/http/types.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/start-sandbox.js';
import { drivers } from '../helpers/databases.js';
import { startTestApp, TestClient, type TestApp } from '../helpers/harness.js';
import { createTeam } from '../helpers/team.js';
import { matrixCases as cases, matrixPreparers, type World } from './matrix-cases/index.js';

/**
 * Every private route, as the other account's admin, as an anonymous visitor, and as a viewer.
 * The list of routes comes from the server itself: a new route without a case here fails the first test.
 *
 * The cases live in ./matrix-cases/, one file per domain.
 */

const roleRank: Record<string, number> = { viewer: 0, admin: 1, owner: 2 };

describe.each(drivers)('authorization matrix (%s)', (driver) => {
  let sandbox: RunningSandbox;
  let t: TestApp;
  let w: World;
  let routes: { method: string; url: string; access: Access }[];

  beforeAll(async () => {
    // Sandbox mode: routes that call providers (connecting Stripe) reach the stand-ins.
    sandbox = await startSandbox();
    t = await startTestApp(driver, {}, { sandboxUrls: sandbox.urls });
    const a = await createTeam(t.app, 'alpha');
    const b = await createTeam(t.app, 'beta');
    const invite = await a.owner.request('POST', '/api/v1/invites', { email: 'pending-a@example.com', role: 'viewer' });
    w = { a, b, inviteIdA: invite.json().id, objects: {} };
    for (const prepare of matrixPreparers) await prepare(w);
    routes = t.app.apiRoutes.filter((r) => r.url.startsWith('/api/v1/'));
  });
  afterAll(async () => {
    await t?.close();
    await sandbox?.close();
  });

  const key = (r: { method: string; url: string }) => `${r.method} ${r.url}`;

  async function call(client: TestClient, route: { method: string; url: string }) {
    const c = cases[key(route)];
    const url = c.path ? c.path(w) : route.url;
    return client.request(route.method as 'GET', url, c.body?.(w));
  }

  /** A fresh session of B's admin for each call, so routes like logout do not end the shared one. */
  async function freshBAdmin() {
    const client = new TestClient(t.app);
    const res = await client.login(w.b.emails.admin);
    expect(res.statusCode).toBe(200);
    return client;
  }

  it('has a case for every registered private route', () => {
    expect(routes.length).toBeGreaterThan(10);
    const missing = routes.map(key).filter((k) => !cases[k]);
    expect(missing).toEqual([]);
  });

  it('refuses anonymous callers on every member route with 401', async () => {
    for (const route of routes) {
      if (cases[key(route)].kind === 'anonymous') continue;
      const anon = new TestClient(t.app);
      await anon.fetchCsrf(); // a valid anonymous session and CSRF token: only the missing sign-in stops it
      const res = await call(anon, route);
      expect(res.statusCode, key(route)).toBe(401);
      expect(res.json().error.code, key(route)).toBe('unauthenticated');
    }
  });

  it('refuses a viewer on every route that needs admin or owner, with 403', async () => {
    for (const route of routes) {
      if (route.access === 'public' || route.access === 'anonymous' || roleRank[route.access] === 0) continue;
      const res = await call(w.a.viewer, route);
      expect(res.statusCode, key(route)).toBe(403);
      expect(res.json().error.code, key(route)).toBe('forbidden');
    }
  });

  it("gives another account's admin a 404 for A's objects and none of A's data in lists", async () => {
    const secretsOfA = [w.a.accountId, w.a.emails.owner, w.a.emails.admin, w.a.emails.viewer, w.a.userIds.viewer, w.inviteIdA, 'alpha Inc', w.objects.stripePublishableKeyA, w.objects.stripeHintA, w.objects.paypalHintA];
    for (const route of routes) {
      const c = cases[key(route)];
      if (c.kind === 'anonymous') continue;
      const res = await call(await freshBAdmin(), route);
      if (c.kind === 'object') {
        expect(res.statusCode, key(route)).toBe(404);
        expect(res.json().error.code, key(route)).toBe('not_found');
      } else {
        expect(res.statusCode, `${key(route)}: ${res.body}`).toBeLessThan(300);
      }
      for (const secret of secretsOfA) expect(res.body, `${key(route)} leaked ${secret}`).not.toContain(secret);
    }
  });

  it("left A's data untouched after all of the above", async () => {
    const members = (await w.a.owner.request('GET', '/api/v1/members')).json().data as { email: string; role: string }[];
    expect(members.map((m) => [m.email, m.role]).sort()).toEqual(
      [
        [w.a.emails.owner, 'owner'],
        [w.a.emails.admin, 'admin'],
        [w.a.emails.viewer, 'viewer'],
      ].sort(),
    );
    const invites = (await w.a.owner.request('GET', '/api/v1/invites')).json().data as { id: string }[];
    expect(invites.map((i) => i.id)).toContain(w.inviteIdA);
    expect((await w.a.owner.request('GET', '/api/v1/me')).json().account.name).toBe('alpha Inc');
    const connections = (await w.a.owner.request('GET', '/api/v1/connections')).json().data as { provider: string; mode: string; connected: boolean; publishableKey: string }[];
    const stripeTest = connections.find((c) => c.provider === 'stripe' && c.mode === 'test');
    expect(stripeTest).toMatchObject({ connected: true, publishableKey: w.objects.stripePublishableKeyA });
  });
});
