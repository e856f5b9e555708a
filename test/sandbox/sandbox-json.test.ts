import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxUrlsForApp, startSandbox, type RunningSandbox } from '../../src/sandbox/start-sandbox.js';
import { startTestApp, TestClient, uniqueEmail, type TestApp } from '../helpers/harness.js';

describe('GET /sandbox.json on the server', () => {
  let sandbox: RunningSandbox;
  let withSandbox: TestApp;
  let withoutSandbox: TestApp;
  beforeAll(async () => {
    sandbox = await startSandbox();
    withSandbox = await startTestApp('pglite', {}, { sandboxUrls: sandboxUrlsForApp(sandbox) });
    withoutSandbox = await startTestApp('pglite', { SANDBOX: '0' });
  });
  afterAll(async () => {
    await withSandbox.close();
    await withoutSandbox.close();
    await sandbox.close();
  });

  it('answers the stand-ins\' base URLs in sandbox mode, and the inbox\'s, and each one answers', async () => {
    const res = await withSandbox.app.inject({ method: 'GET', url: '/sandbox.json' });
    expect(res.statusCode).toBe(200);
    const { mail, smtp, ...standIns } = res.json() as Record<string, string>;
    expect(standIns).toEqual(sandbox.urls);
    for (const url of Object.values(standIns)) {
      const state = await fetch(`${url}/__sandbox/state`);
      expect(state.status).toBe(200);
    }
    expect(mail).toBe(sandbox.mail.url);
    expect(smtp).toMatch(/^smtp:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${mail}/messages`)).status).toBe(200);
  });

  it('tells the signed-in dashboard where receipts go: the sandbox inbox', async () => {
    const client = new TestClient(withSandbox.app);
    await client.signup(uniqueEmail('inbox'));
    const me = await client.request('GET', '/api/v1/me');
    expect(me.json().email).toEqual({ delivery: 'sandbox_inbox', inboxUrl: sandbox.mail.url });
  });

  it('does not exist outside sandbox mode', async () => {
    const res = await withoutSandbox.app.inject({ method: 'GET', url: '/sandbox.json' });
    expect(res.statusCode).toBe(404);
  });
});
