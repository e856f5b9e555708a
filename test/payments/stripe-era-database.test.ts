import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseKeyRing } from '../../src/platform/crypto/encryption-keys.js';
import type { Database } from '../../src/platform/db/connect.js';
import { migrate, readMigrations } from '../../src/platform/schema/migrate.js';
import { loadStripeConnection } from '../../src/providers/stripe/load-stripe-connection.js';
import { createTestDatabase, drivers } from '../helpers/databases.js';
import { startTestApp, TestClient, type TestApp } from '../helpers/harness.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
/** Made by the code of the Stripe-only schema (fixtures/README.md): its rows and what the API answered then. */
const fixture = JSON.parse(fs.readFileSync(path.join(fixtures, 'stripe-era.json'), 'utf8')) as {
  accountId: string;
  email: string;
  password: string;
  encryptionKey: string;
  events: { event_id: string; type: string }[];
  api: Record<string, unknown>;
};
const rows = fs.readFileSync(path.join(fixtures, 'stripe-era.sql'), 'utf8');
/** The last migration of the Stripe-only schema the fixture was made on. */
const stripeEraVersion = '0007';

async function exec(database: Database, sql: string) {
  if (database.pool) await database.pool.query(sql);
  else await database.pglite!.exec(sql);
}

describe.each(drivers)('a database made before the provider port (%s)', (driver) => {
  let t: TestApp;
  let client: TestClient;
  beforeAll(async () => {
    const db = await createTestDatabase(driver, { migrate: false });
    await migrate(db.database, readMigrations().filter((m) => m.version <= stripeEraVersion));
    await exec(db.database, rows);
    await migrate(db.database);
    t = await startTestApp(driver, {}, { database: db, keys: parseKeyRing(fixture.encryptionKey), sandboxUrls: { stripe: 'http://127.0.0.1:9', hubspot: 'http://127.0.0.1:9', paypal: 'http://127.0.0.1:9' } });
    client = new TestClient(t.app);
    const login = await client.login(fixture.email, fixture.password);
    expect(login.statusCode, t.logs.filter((l) => l.includes("\"level\":50")).join("\n")).toBe(200);
  }, 120_000);
  afterAll(() => t?.close());

  it('answers every read of its payments, refunds, contacts and totals as it did before the migration', async () => {
    for (const [url, before] of Object.entries(fixture.api)) {
      const res = await client.request('GET', url);
      expect(res.statusCode, url).toBe(200);
      // Fields may be added to an answer (CSV columns at the end of each line); none that was there may change or go.
      if (typeof before === 'string') {
        const lines = res.body.split('\r\n');
        const old = before.split('\r\n');
        expect(lines.length, url).toBe(old.length);
        lines.forEach((line, i) => expect(line.startsWith(old[i]!), `${url} line ${i}: ${line}`).toBe(true));
      } else expect(res.json(), url).toMatchObject(before as object);
    }
  });

  it('still knows the Stripe events it processed: a redelivery is acknowledged as a duplicate', async () => {
    const connection = await loadStripeConnection(t.ctx, fixture.accountId, 'test');
    expect(connection).not.toBeNull();
    for (const { event_id: id, type } of fixture.events) {
      const payload = JSON.stringify({ id, object: 'event', type, data: { object: { object: 'payment_intent', id: 'pi_unknown' } } });
      const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: connection!.webhookSecret });
      const res = await t.app.inject({ method: 'POST', url: `/api/webhooks/stripe/${fixture.accountId}`, payload, headers: { 'content-type': 'application/json', 'stripe-signature': signature } });
      expect(res.json(), id).toEqual({ received: true, duplicate: true });
    }
  });
});
