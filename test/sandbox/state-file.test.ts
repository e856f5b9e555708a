import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@hubspot/api-client';
import Stripe from 'stripe';
import { afterAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/start-sandbox.js';
import { decodeState, encodeState } from '../../src/sandbox/state-file.js';
import { sdkOptions } from './stripe-harness.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onepagepay-sandbox-state-'));
const stateFile = path.join(dir, 'sandbox-state.json');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('sandbox state file', () => {
  it('keeps Maps and Sets through JSON', () => {
    const value = { a: new Map<string, unknown>([['k', { s: new Set([1, 2]) }]]), n: 1 };
    expect(decodeState(encodeState(value))).toEqual(value);
  });

  it('a restarted sandbox is the same sandbox: Stripe payments refundable, HubSpot records and tokens, PayPal apps, the advanced clock', async () => {
    let sandbox: RunningSandbox = await startSandbox({ stateFile, saveEveryMs: 50 });
    const keys = (await (await fetch(`${sandbox.urls.stripe}/__sandbox/stripe/accounts`, { method: 'POST' })).json()) as { test: { secretKey: string } };
    let stripe = new Stripe(keys.test.secretKey, sdkOptions(sandbox.urls.stripe));
    const pi = await stripe.paymentIntents.create({ amount: 2500, currency: 'usd', payment_method: 'pm_card_visa', confirm: true, automatic_payment_methods: { enabled: true, allow_redirects: 'never' } });
    const portal = (await (await fetch(`${sandbox.urls.hubspot}/__sandbox/hubspot/portals`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json()) as { portalId: number; accessToken: string };
    const contact = await new Client({ accessToken: portal.accessToken, basePath: sandbox.urls.hubspot }).crm.contacts.basicApi.create({ properties: { email: 'kept@example.com' }, associations: [] });
    const paypalApp = (await (await fetch(`${sandbox.urls.paypal}/__sandbox/paypal/apps`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json()) as { clientId: string };
    sandbox.clock.advance(3_600_000);
    const advancedTo = sandbox.clock.nowMs();
    await sandbox.close();
    expect(fs.statSync(stateFile).mode & 0o777).toBe(0o600);

    sandbox = await startSandbox({ stateFile });
    try {
      stripe = new Stripe(keys.test.secretKey, sdkOptions(sandbox.urls.stripe));
      expect((await stripe.paymentIntents.retrieve(pi.id)).status).toBe('succeeded');
      expect((await stripe.refunds.create({ payment_intent: pi.id })).status).toBe('succeeded');
      const hubspot = new Client({ accessToken: portal.accessToken, basePath: sandbox.urls.hubspot });
      expect((await hubspot.crm.contacts.basicApi.getById(contact.id, ['email'])).properties.email).toBe('kept@example.com');
      // Ids go on from where they were: a new portal and a new contact do not take the old ones'.
      const next = (await (await fetch(`${sandbox.urls.hubspot}/__sandbox/hubspot/portals`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json()) as { portalId: number };
      expect(next.portalId).toBeGreaterThan(portal.portalId);
      const another = await hubspot.crm.contacts.basicApi.create({ properties: { email: 'new@example.com' }, associations: [] });
      expect(Number(another.id)).toBeGreaterThan(Number(contact.id));
      const apps = (await (await fetch(`${sandbox.urls.paypal}/__sandbox/paypal/apps`)).json()) as { clientId: string }[] | { apps?: { clientId: string }[] };
      expect(JSON.stringify(apps)).toContain(paypalApp.clientId);
      expect(sandbox.clock.nowMs()).toBeGreaterThanOrEqual(advancedTo);
    } finally {
      await sandbox.close();
    }
  });

  it('refuses to start on a state file it cannot read, naming it', async () => {
    const broken = path.join(dir, 'broken.json');
    fs.writeFileSync(broken, '{not json');
    await expect(startSandbox({ stateFile: broken })).rejects.toThrow(/broken\.json could not be read.*move it aside/);
    expect(fs.readFileSync(broken, 'utf8')).toBe('{not json'); // left as it was, for whoever wants to look
  });
});
