import { Client } from '@hubspot/api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { Buyer, freePort, startCheckoutWorld, type CheckoutWorld } from '../helpers/checkout.js';
import { uniqueEmail } from '../helpers/harness.js';

describe('onepagepay create-account --sandbox --json', () => {
  let world: CheckoutWorld;
  beforeAll(async () => {
    world = await startCheckoutWorld('pglite');
  }, 60_000);
  afterAll(() => world?.close());

  it('creates an account with a ready demo form through the running server, and prints what scripts need', async () => {
    const email = uniqueEmail('cli-sandbox');
    const { code, stdout, stderr } = await runCli(['create-account', '--email', email, '--password', 'correct horse battery', '--sandbox', '--json'], {
      PUBLIC_URL: world.baseUrl,
    });
    expect(code, stderr).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const out = JSON.parse(lines[0]!);
    expect(out.accountId).toMatch(/^[0-9a-f]{32}$/);
    expect(out.formId).toMatch(/^form_[0-9A-Za-z]{24}$/);
    expect(out.email).toBe(email);
    expect(out.hubspotAccessToken).toMatch(/^pat-/);
    expect(out.sandbox).toEqual(world.sandbox.urls);
    expect(out.demoUrl).toContain(`${world.sandbox.urls.hubspot}/demo?`);

    // The form is ready to take a payment, on a HubSpot form of the account's portal.
    const buyer = new Buyer(world, { client: undefined as never, accountId: out.accountId, formId: out.formId, prices: undefined as never });
    const config = (await buyer.config()).json();
    expect(config).toMatchObject({ available: true, hubspot: { portalId: out.hubspotPortalId, formId: out.hubspotFormId } });
    const shirt = config.items.find((i: { productName: string }) => i.productName === 'OnePagePay T-shirt');
    const payment = (await buyer.pay({ items: [{ priceId: shirt.priceId, quantity: 2 }] })).json();
    await buyer.confirm(payment.stripe.clientSecret, payment.stripe.publishableKey, 'pm_card_visa');
    expect((await buyer.complete(payment.id)).json()).toMatchObject({ status: 'succeeded', amount: 5000 });

    // The token works with the official HubSpot client against the stand-in.
    const hubspot = new Client({ accessToken: out.hubspotAccessToken, basePath: world.sandbox.urls.hubspot });
    const form = await hubspot.apiRequest({ method: 'GET', path: `/marketing/v3/forms/${out.hubspotFormId}` });
    expect(((await form.json()) as { id: string }).id).toBe(out.hubspotFormId);
  }, 60_000);

  it('says what to do when no server is running', async () => {
    const port = await freePort();
    const { code, stderr } = await runCli(['create-account', '--email', uniqueEmail('cli'), '--password', 'correct horse battery', '--sandbox', '--json'], {
      PUBLIC_URL: `http://127.0.0.1:${port}`,
    });
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/works through the running server.*Start it first \(npm start\)/);
  });
});
