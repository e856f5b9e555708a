import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../src/accounts/create-account.js';
import { loadConfig } from '../../src/config.js';
import { providerAvailability } from '../../src/monitor/provider-availability.js';
import { createTestDatabase, drivers, type TestDatabase } from '../helpers/databases.js';
import { uniqueEmail } from '../helpers/harness.js';

describe.each(drivers)('providerAvailability (%s)', (driver) => {
  let t: TestDatabase;
  const config = loadConfig({ MONITOR_INTERVAL_SECONDS: '30', DATA_DIR: '/tmp/onepagepay-test-unused' });
  const ctx = () => ({ database: t.database, config });

  beforeAll(async () => {
    t = await createTestDatabase(driver);
  });
  afterAll(() => t.close());

  async function accountWith(...providers: string[]) {
    const { accountId } = await createAccount(t.database, { email: uniqueEmail('avail'), password: 'long enough password' });
    for (const provider of providers) {
      await t.database.query(`INSERT INTO provider_connections (account_id, mode, provider, credentials, key_id, updated_at) VALUES ($1, 'test', $2, 'v1.x', 'k', now() - interval '1 hour')`, [accountId, provider]);
    }
    return accountId;
  }
  const setStatus = (accountId: string, provider: string, status: string, reason: string, checkedAgo = '1 second') =>
    t.database.query(
      `INSERT INTO provider_status (account_id, mode, provider, status, reason, checked_at, changed_at) VALUES ($1, 'test', $2, $3, $4, now() - $5::interval, now())
       ON CONFLICT (account_id, mode, provider) DO UPDATE SET status = EXCLUDED.status, reason = EXCLUDED.reason, checked_at = EXCLUDED.checked_at`,
      [accountId, provider, status, reason, checkedAgo],
    );

  it('is available when nothing was checked yet, or everything needed is up', async () => {
    const accountId = await accountWith('stripe', 'hubspot');
    expect(await providerAvailability(ctx(), { accountId, mode: 'test' }, ['stripe', 'hubspot'])).toEqual({ available: true, message: null });
    await setStatus(accountId, 'stripe', 'up', 'ok');
    expect(await providerAvailability(ctx(), { accountId, mode: 'test' }, ['stripe', 'hubspot'])).toEqual({ available: true, message: null });
  });

  it('names the provider that is down, Stripe first, and only for providers the form needs', async () => {
    const accountId = await accountWith('stripe', 'hubspot');
    await setStatus(accountId, 'hubspot', 'down', 'unreachable');
    expect(await providerAvailability(ctx(), { accountId, mode: 'test' }, ['stripe'])).toEqual({ available: true, message: null });
    const hubspotDown = await providerAvailability(ctx(), { accountId, mode: 'test' }, ['stripe', 'hubspot']);
    expect(hubspotDown.available).toBe(false);
    expect(hubspotDown.message).toMatch(/HubSpot/);
    await setStatus(accountId, 'stripe', 'down', 'timeout');
    expect((await providerAvailability(ctx(), { accountId, mode: 'test' }, ['stripe', 'hubspot'])).message).toBe(
      'Payments are temporarily unavailable: our card processor cannot be reached. Please try again in a few minutes.',
    );
    // Another mode of the same account is not affected.
    expect(await providerAvailability(ctx(), { accountId, mode: 'live' }, ['stripe', 'hubspot'])).toEqual({ available: true, message: null });
  });

  it('ignores stale results and results older than a reconnect', async () => {
    const accountId = await accountWith('stripe');
    await setStatus(accountId, 'stripe', 'down', 'unreachable', '10 minutes');
    expect((await providerAvailability(ctx(), { accountId, mode: 'test' }, ['stripe'])).available).toBe(true);
    await setStatus(accountId, 'stripe', 'down', 'credentials_refused', '1 second');
    expect((await providerAvailability(ctx(), { accountId, mode: 'test' }, ['stripe'])).message).toMatch(/not accepting payments/);
    await t.database.query(`UPDATE provider_connections SET updated_at = now() WHERE account_id = $1`, [accountId]);
    expect((await providerAvailability(ctx(), { accountId, mode: 'test' }, ['stripe'])).available).toBe(true);
  });

  it("counts this deployment's reachability of a provider for every account", async () => {
    const accountId = await accountWith('stripe');
    await t.database.query(
      `INSERT INTO provider_reachability (provider, target, status, reason, checked_at, changed_at) VALUES ('stripe', 'https://api.stripe.com', 'down', 'unreachable', now(), now())`,
    );
    try {
      expect((await providerAvailability(ctx(), { accountId, mode: 'test' }, ['stripe'])).available).toBe(false);
      expect((await providerAvailability(ctx(), { accountId, mode: 'test' }, ['hubspot'])).available).toBe(true);
    } finally {
      await t.database.query(`DELETE FROM provider_reachability`);
    }
  });
});
