import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drivers } from '../helpers/databases.js';
import { startTestApp, TestClient, uniqueEmail, type TestApp } from '../helpers/harness.js';

describe.each(drivers)('server logs (%s)', (driver) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(driver, { LOG_LEVEL: 'trace' });
  });
  afterAll(() => t.close());

  it('never contain passwords, session cookies, CSRF tokens or card numbers', async () => {
    const client = new TestClient(t.app);
    const password = 'a very secret password 123';
    await client.signup(uniqueEmail('logs'), password);
    await client.request('GET', '/api/v1/me', undefined, { authorization: 'Bearer sk_live_should_not_appear' });
    await client.request('GET', '/api/v1/me?card=4242424242424242');
    await client.request('PATCH', '/api/v1/account', { name: 'Card 4000 0027 6000 3184 here', extra: true });

    const text = t.logs.join('');
    expect(t.logs.length).toBeGreaterThan(3); // requests were logged at all
    const sessionValue = [...client.cookies.values()][0];
    for (const secret of [password, sessionValue, client.csrfToken!, 'sk_live_should_not_appear', '4242424242424242', '4000 0027 6000 3184']) {
      expect(text).not.toContain(secret);
    }
  });
});
