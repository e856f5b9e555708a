import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/start-sandbox.js';
import { startTestApp, type TestApp } from '../helpers/harness.js';

describe('GET /sandbox.json on the server', () => {
  let sandbox: RunningSandbox;
  let withSandbox: TestApp;
  let withoutSandbox: TestApp;
  beforeAll(async () => {
    sandbox = await startSandbox();
    withSandbox = await startTestApp('pglite', {}, { sandboxUrls: sandbox.urls });
    withoutSandbox = await startTestApp('pglite', { SANDBOX: '0' });
  });
  afterAll(async () => {
    await withSandbox.close();
    await withoutSandbox.close();
    await sandbox.close();
  });

  it('answers the stand-ins\' base URLs in sandbox mode, and each one answers', async () => {
    const res = await withSandbox.app.inject({ method: 'GET', url: '/sandbox.json' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(sandbox.urls);
    for (const url of Object.values(res.json() as Record<string, string>)) {
      const state = await fetch(`${url}/__sandbox/state`);
      expect(state.status).toBe(200);
    }
  });

  it('does not exist outside sandbox mode', async () => {
    const res = await withoutSandbox.app.inject({ method: 'GET', url: '/sandbox.json' });
    expect(res.statusCode).toBe(404);
  });
});
