import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reconcile } from '../../src/payments/reconcile.js';
import { formatKeyRing } from '../../src/platform/crypto/encryption-keys.js';
import { freePort, newIdempotencyKey } from '../helpers/checkout.js';
import { serverDatabaseUrl } from '../helpers/databases.js';
import { startPaymentsWorld, type PaymentsWorld } from './payments-world.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');

async function waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * A real server process killed with SIGKILL in the middle of a flow: the write that follows a
 * Stripe call is held (a trigger sleeps in it) so the kill lands exactly between Stripe's answer and
 * our write. PostgreSQL only: the embedded database is one process's.
 */
describe.skipIf(!serverDatabaseUrl)('reconciliation after the server is SIGKILLed (pg)', () => {
  let p: PaymentsWorld;
  beforeAll(async () => {
    p = await startPaymentsWorld('pg');
    await p.sql(`CREATE FUNCTION hold_the_write() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(2); RETURN NEW; END $$`);
  }, 60_000);
  afterAll(() => p?.close());

  /** Starts the second server; answers its base URL and a kill switch that resolves once it is gone. */
  async function startChild() {
    const port = await freePort();
    const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'serve-child.ts')], {
      cwd: repoRoot,
      env: {
        PATH: process.env.PATH ?? '',
        DATABASE_URL: (p.world.t.ctx.database.pool!.options as { connectionString: string }).connectionString,
        ENCRYPTION_KEY: formatKeyRing(p.world.t.ctx.secretBox.keys),
        // Same origin as the first server: the merchant's session and CSRF token work on both.
        PUBLIC_URL: p.world.baseUrl,
        PORT: String(port),
        SANDBOX_URLS: JSON.stringify(p.world.sandbox.urls),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    await waitFor('the child server', async () => output.includes('listening'), 60_000).catch((err: Error) => {
      child.kill('SIGKILL');
      throw new Error(`${err.message}: ${output}`);
    });
    return { url: `http://127.0.0.1:${port}`, kill: () => (child.kill('SIGKILL'), exited) };
  }

  /** The statement held by the trigger, once it is running in the child's connection. */
  const heldWrite = (table: string) =>
    waitFor(`the held ${table} write`, async () => (await p.sql<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE state = 'active' AND query ~* $1`, [`^\\s*update\\s+"?${table}"?\\s`]))[0]);
  const holdWrites = (table: string, column: string) =>
    p.sql(`CREATE TRIGGER hold_${table} BEFORE UPDATE ON ${table} FOR EACH ROW WHEN (OLD.${column} IS NULL AND NEW.${column} IS NOT NULL) EXECUTE FUNCTION hold_the_write()`);
  const release = (table: string) => p.sql(`DROP TRIGGER hold_${table} ON ${table}`);

  it('killed between Stripe creating the PaymentIntent and our link: reconciliation links that one PaymentIntent; the buyer pays it', { timeout: 120_000 }, async () => {
    const child = await startChild();
    const key = newIdempotencyKey();
    const body = { idempotencyKey: key, provider: 'stripe', contact: { email: 'killed@example.com' }, items: [{ priceId: p.merchant.prices.shirt }] };
    await holdWrites('transactions', 'provider_payment_id');
    const request = fetch(`${child.url}/api/public/v1/accounts/${p.merchant.accountId}/forms/${p.merchant.formId}/payments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).catch((err: Error) => err);
    const held = await heldWrite('transactions');
    expect(await child.kill()).toBe('SIGKILL');
    expect(await request).toBeInstanceOf(Error);
    // The link is one autocommit statement: a process killed before sending it never wrote it. The
    // held one would still commit by itself once released, so its session dies with the process.
    await p.sql('SELECT pg_terminate_backend($1)', [held.pid]);
    await release('transactions');

    const [row] = await p.sql<{ id: string; status: string; provider_payment_id: string | null }>(`SELECT * FROM transactions WHERE idempotency_key = $1`, [key]);
    expect(row).toMatchObject({ status: 'pending', provider_payment_id: null });
    const made = await p.paymentIntentsFor(row!.id);
    expect(made).toHaveLength(1);

    const report = await reconcile(p.world.t.ctx, { staleAfterMs: 0 });
    expect(report.linked).toBe(1);
    expect((await p.sql(`SELECT provider_payment_id FROM transactions WHERE id = $1`, [row!.id]))[0]).toEqual({ provider_payment_id: made[0]!.id });

    // The buyer's page retries with the same key (on the surviving server) and pays.
    const buyer = p.buyer('killed@example.com');
    const retried = await buyer.pay(body);
    expect(retried.json().stripe.clientSecret).toBe(made[0]!.client_secret);
    await buyer.confirm(retried.json().stripe.clientSecret, retried.json().stripe.publishableKey, 'pm_card_visa');
    expect((await buyer.complete(row!.id)).json().status).toBe('succeeded');
    expect(await p.paymentIntentsFor(row!.id)).toHaveLength(1);
    expect(await p.syncJobs(row!.id)).toEqual(['succeeded']);
  });

  it('killed between Stripe making a refund and our write: reconciliation finds it by our id and never refunds twice', { timeout: 120_000 }, async () => {
    const { payment } = await p.buyer('refund-killed@example.com').buy();
    const [{ pi }] = await p.sql<{ pi: string }>(`SELECT provider_payment_id AS pi FROM transactions WHERE id = $1`, [payment.id]);
    const child = await startChild();
    await p.world.sandbox.setFaults('stripe', { webhooksPaused: true });
    try {
      await holdWrites('refunds', 'provider_refund_id');
      const client = p.merchant.client;
      const request = fetch(`${child.url}/api/v1/transactions/${payment.id}/refunds`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: client.cookieHeader(), 'x-csrf-token': client.csrfToken!, origin: p.world.baseUrl, 'sec-fetch-site': 'same-origin' },
        body: JSON.stringify({ amount: 1000 }),
      }).catch((err: Error) => err);
      await heldWrite('refunds');
      expect((await p.stripe.refunds.list({ payment_intent: pi })).data).toHaveLength(1);
      expect(await child.kill()).toBe('SIGKILL');
      expect(await request).toBeInstanceOf(Error);
      await release('refunds');
      expect(await p.sql(`SELECT status, provider_refund_id FROM refunds WHERE transaction_id = $1`, [payment.id])).toEqual([{ status: 'pending', provider_refund_id: null }]);

      const report = await reconcile(p.world.t.ctx, { staleAfterMs: 0 });
      expect(report.refundsRetried).toBe(0);
    } finally {
      await p.world.sandbox.setFaults('stripe', { webhooksPaused: false });
    }
    expect(await p.sql(`SELECT status, amount FROM refunds WHERE transaction_id = $1`, [payment.id])).toEqual([{ status: 'succeeded', amount: 1000 }]);
    expect((await p.stripe.refunds.list({ payment_intent: pi })).data).toHaveLength(1);
    expect(await p.sql(`SELECT status, amount_refunded FROM transactions WHERE id = $1`, [payment.id])).toEqual([{ status: 'partially_refunded', amount_refunded: 1000 }]);
    expect(await p.syncJobs(payment.id)).toEqual(['succeeded', 'partially_refunded']);
  });
});
