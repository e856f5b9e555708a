/**
 * Create-payment throughput and latency of the public payment API against the Stripe stand-in,
 * next to the bare stand-in call it wraps (PaymentIntent create with an Idempotency-Key: the lower
 * bound), in the same run, on PGlite and — when DATABASE_URL is set — on PostgreSQL.
 *
 * The stand-ins run in a child process; autocannon runs in this one, next to the app.
 *
 * Run: npx tsx bench/checkout-create-payment.ts [--duration 10] [--connections 16] [--driver pglite|pg]
 *      DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/checkout-create-payment.ts
 *
 * Every request is a new checkout attempt (fresh idempotency key) by one of 256 returning buyers
 * in turn (each one's Stripe customer is stored during the warm-up; no two requests in flight share
 * a buyer, as a merchant's many buyers do not pay at the same moment), so each one is: limits
 * check, form and catalog read, idempotency check, one statement for the contact, transaction and
 * items, the per-account limit at commit, then one PaymentIntent create at Stripe and the link write.
 */
import { spawn } from 'node:child_process';
import { randomInt, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon, { type Request } from 'autocannon';
import { createAccount } from '../src/accounts/create-account.js';
import { createPrice } from '../src/catalog/create-price.js';
import { createProduct } from '../src/catalog/create-product.js';
import { loadConfig } from '../src/config.js';
import { connectSandboxPaymentProvider } from '../src/connections/connect-payment-provider.js';
import { stripeProvider } from '../src/providers/stripe/stripe-provider.js';
import { createForm } from '../src/forms/create-form.js';
import { defaultPoolSize } from '../src/platform/db/connect.js';
import { newKey } from '../src/platform/crypto/encryption-keys.js';
import { SecretBox } from '../src/platform/crypto/secret-box.js';
import { withTenant } from '../src/platform/db/tenant.js';
import type { AppContext } from '../src/platform/http/types.js';
import { loadStripeConnection } from '../src/providers/stripe/load-stripe-connection.js';
import type { SandboxUrls } from '../src/sandbox/types.js';
import { buildServer } from '../src/server.js';
import { createTestDatabase, drivers, type Driver } from '../test/helpers/databases.js';

/** The value after `--name`, when given. */
function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const duration = Number(arg('duration') ?? 10);
const connections = Number(arg('connections') ?? 16);
/** `--driver pg` or `--driver pglite`, else every driver this run has. */
const onlyDriver = arg('driver') as Driver | undefined;
if (onlyDriver && !drivers.includes(onlyDriver)) throw new Error(`--driver ${onlyDriver}: one of ${drivers.join(', ')} (pg needs DATABASE_URL)`);
const runDrivers = onlyDriver ? [onlyDriver] : drivers;

const summary = (r: autocannon.Result) => ({
  perSecond: Math.round(r.requests.average),
  p50ms: r.latency.p50,
  p99ms: r.latency.p99,
  total: r.requests.total,
  non2xx: r.non2xx,
  errors: r.errors,
});

/**
 * The stand-ins run in their own process (`onepagepay sandbox`), as Stripe does in production:
 * in this process they would take the app's CPU and count as the app's latency.
 */
async function startSandboxProcess() {
  const cli = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src/cli.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', cli, 'sandbox'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [line] = (await once(readline.createInterface({ input: child.stdout! }), 'line')) as [string];
  return { urls: JSON.parse(line) as SandboxUrls, close: () => child.kill('SIGTERM') };
}

/** A buyer's address, one of 16 million. */
const randomClientIp = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

/** The returning buyers, one after the other: more than the warm-up's requests would be first-time buyers. */
const buyers = 256;
let nextBuyer = 0;
const buyerEmail = () => `returning-${nextBuyer++ % buyers}@example.com`;

const sandbox = await startSandboxProcess();
const rows = [];
try {
  for (const driver of runDrivers) {
    // The pool `serve` runs with: a smaller one would queue requests in the app, not in the database.
    const testDb = await createTestDatabase(driver, { poolSize: defaultPoolSize });
    const config = loadConfig({
      PORT: '0',
      LOG_LEVEL: 'warn',
      DATA_DIR: os.tmpdir(),
      // Buyers come from many networks through one reverse proxy (README, TRUST_PROXY): each request
      // carries its own X-Forwarded-For, so the per-IP limits do not serialise the whole run.
      TRUST_PROXY: '1',
      CHECKOUT_PAYMENTS_PER_IP: '1000000',
      CHECKOUT_DECLINES_PER_IP: '1000000',
      CHECKOUT_PAYMENTS_PER_ACCOUNT: '10000000',
    });
    const ctx: AppContext = { config, database: testDb.database, secretBox: new SecretBox([newKey()]), sandboxUrls: sandbox.urls };
    const app = await buildServer(ctx);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;

    const owner = await createAccount(ctx.database, { email: `bench-${driver}@example.com`, password: 'correct horse battery' });
    await connectSandboxPaymentProvider(ctx, stripeProvider, { accountId: owner.accountId, userId: owner.userId, mode: 'test' });
    const scope = { accountId: owner.accountId, mode: 'test' as const };
    const { priceId, formId } = await withTenant(ctx.database, owner.accountId, async (tx) => {
      const product = await createProduct(tx, scope, { name: 'Bench T-shirt' });
      const price = await createPrice(tx, scope, { productId: product.id, type: 'fixed', currency: 'usd', unitAmount: 2500, maxQuantity: 5 });
      const { form } = await createForm(tx, scope, { name: 'Bench', selection: 'fixed', items: [{ priceId: price.id }], successMessage: 'ok' });
      return { priceId: price.id, formId: form.id };
    });
    const secretKey = (await loadStripeConnection(ctx, owner.accountId, 'test'))!.secretKey;

    const ours = (amount?: number) => ({
      url: `${base}/api/public/v1/accounts/${owner.accountId}/forms/${formId}/payments`,
      method: 'POST' as const,
      connections,
      ...(amount ? { amount } : { duration }),
      headers: { 'content-type': 'application/json' },
      requests: [
        {
          setupRequest: (req: Request) => ({
            ...req,
            headers: { ...req.headers, 'x-forwarded-for': randomClientIp() },
            body: JSON.stringify({ idempotencyKey: randomUUID(), provider: 'stripe', contact: { email: buyerEmail() }, items: [{ priceId, quantity: 2 }] }),
          }),
        },
      ],
    });
    const bare = (amount?: number) => ({
      url: `${sandbox.urls.stripe}/v1/payment_intents`,
      method: 'POST' as const,
      connections,
      ...(amount ? { amount } : { duration }),
      headers: { authorization: `Bearer ${secretKey}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'amount=5000&currency=usd&automatic_payment_methods[enabled]=true&metadata[bench]=1',
      requests: [{ setupRequest: (req: Request) => ({ ...req, headers: { ...req.headers, 'idempotency-key': randomUUID() } }) }],
    });
    // Warm-up (JIT, pools, the returning buyers' Stripe customers), then the two measured runs.
    await autocannon(ours(300));
    await autocannon(bare(300));
    const bound = summary(await autocannon(bare()));
    const measured = summary(await autocannon(ours()));
    rows.push({
      driver,
      bareStandIn: bound,
      createPayment: measured,
      addedP50ms: measured.p50ms - bound.p50ms,
      addedP99ms: measured.p99ms - bound.p99ms,
    });
    // autocannon drops its sockets at the end, not waiting for the answers: let those handlers finish.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await app.close();
    await testDb.close();
  }
  console.log(JSON.stringify({ node: process.version, cpus: os.cpus().length, duration, connections, rows }, null, 2));
} finally {
  sandbox.close();
}
