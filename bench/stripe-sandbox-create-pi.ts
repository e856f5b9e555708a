/**
 * How many PaymentIntent creations per second the Stripe stand-in serves, over loopback.
 * Run: npx tsx bench/stripe-sandbox-create-pi.ts [--duration 10] [--connections 16]
 * Two runs: plain POSTs, and POSTs each carrying a fresh Idempotency-Key (as the stripe SDK
 * sends on every POST, so this is the figure a product benchmark meets).
 */
import { randomUUID } from 'node:crypto';
import autocannon, { type Request } from 'autocannon';
import { startSandbox } from '../src/sandbox/start-sandbox.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const duration = arg('duration', 10);
const connections = arg('connections', 16);

async function run(url: string, key: string, idempotent: boolean) {
  const result = await autocannon({
    url: `${url}/v1/payment_intents`,
    method: 'POST',
    connections,
    duration,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'amount=1990&currency=eur&automatic_payment_methods[enabled]=true&metadata[bench]=1',
    requests: idempotent ? [{ setupRequest: (req: Request) => ({ ...req, headers: { ...req.headers, 'idempotency-key': randomUUID() } }) }] : undefined,
  });
  return {
    mode: idempotent ? 'with Idempotency-Key' : 'plain',
    requestsPerSec: Math.round(result.requests.average),
    latencyP50ms: result.latency.p50,
    latencyP99ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    total: result.requests.total,
  };
}

const sandbox = await startSandbox();
try {
  const keys = (await (await fetch(`${sandbox.urls.stripe}/__sandbox/stripe/accounts`, { method: 'POST' })).json()) as { test: { secretKey: string } };
  // Warm up the JIT and the connection pool.
  await autocannon({ url: `${sandbox.urls.stripe}/v1/payment_intents`, method: 'POST', connections: 4, amount: 500, headers: { authorization: `Bearer ${keys.test.secretKey}`, 'content-type': 'application/x-www-form-urlencoded' }, body: 'amount=1990&currency=eur' });
  const rows = [await run(sandbox.urls.stripe, keys.test.secretKey, false), await run(sandbox.urls.stripe, keys.test.secretKey, true)];
  console.log(JSON.stringify({ node: process.version, cpus: (await import('node:os')).cpus().length, duration, connections, rows }, null, 2));
} finally {
  await sandbox.close();
}
