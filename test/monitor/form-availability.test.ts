import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startProviderMonitor, type ProviderMonitor } from '../../src/monitor/provider-monitor.js';
import { drivers } from '../helpers/databases.js';
import { Buyer, createMerchant, startCheckoutWorld, type CheckoutWorld, type Merchant } from '../helpers/checkout.js';
import { until } from './until.js';

// The promise "show an error before injecting the form", through the public API, against faulted stand-ins.
describe.each(drivers)('form config follows provider health (%s)', (driver) => {
  let world: CheckoutWorld;
  let merchant: Merchant;
  let buyer: Buyer;
  let hubspotFormId: string;
  let monitor: ProviderMonitor;

  beforeAll(async () => {
    world = await startCheckoutWorld(driver);
    merchant = await createMerchant(world.t);
    const hubspot = await merchant.client.request('POST', '/api/v1/connections/hubspot/test/sandbox', {});
    expect(hubspot.statusCode, hubspot.body).toBe(201);
    const bound = await merchant.client.request('POST', '/api/v1/forms', {
      name: 'Bound to a HubSpot form',
      selection: 'fixed',
      items: [{ priceId: merchant.prices.shirt }],
      hubspot: { portalId: hubspot.json().hubspot.portalId, formId: '7c0ffee0-0000-4000-8000-000000000001' },
    });
    expect(bound.statusCode, bound.body).toBe(201);
    hubspotFormId = bound.json().id;
    buyer = new Buyer(world, merchant);
    // A short interval stands in for the 30 s default: the test waits for rounds, not minutes.
    monitor = startProviderMonitor(world.t.ctx, { intervalMs: 250, timeoutMs: 1000 });
  }, 60_000);
  afterEach(async () => {
    for (const provider of ['stripe', 'hubspot'] as const) await world.sandbox.setFaults(provider, { outage: 'off' });
  });
  afterAll(async () => {
    await monitor?.stop();
    await world?.close();
  });

  const config = async (formId = merchant.formId) => (await buyer.config(formId)).json() as { available: boolean; message: string | null };

  it('says unavailable, with a message for the buyer, within a check interval of Stripe going down, and recovers by itself', async () => {
    await until(async () => (await config()).available);
    await world.sandbox.setFaults('stripe', { outage: '503' });
    await until(async () => !(await config()).available);
    expect(await config()).toMatchObject({
      available: false,
      message: 'Payments are temporarily unavailable: our card processor cannot be reached. Please try again in a few minutes.',
    });
    expect((await config(hubspotFormId)).available).toBe(false);

    await world.sandbox.setFaults('stripe', { outage: 'off' });
    await until(async () => (await config()).available && (await config(hubspotFormId)).available);
    expect(await config()).toMatchObject({ available: true, message: null });
  });

  it('closes only the forms bound to HubSpot when HubSpot is down', async () => {
    await until(async () => (await config(hubspotFormId)).available);
    await world.sandbox.setFaults('hubspot', { outage: 'refuse' });
    await until(async () => !(await config(hubspotFormId)).available);
    expect((await config(hubspotFormId)).message).toMatch(/HubSpot\) cannot be reached/);
    expect(await config()).toMatchObject({ available: true, message: null });

    await world.sandbox.setFaults('hubspot', { outage: 'off' });
    await until(async () => (await config(hubspotFormId)).available);
  });
});
