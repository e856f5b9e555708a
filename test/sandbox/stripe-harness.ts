import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/start-sandbox.js';

/** Where a Stripe contract test runs: the sandbox stand-in, or real Stripe test mode. */
export interface StripeTarget {
  name: 'sandbox' | 'stripe';
  stripe: Stripe;
  secretKey: string;
  publishableKey: string | undefined;
  /** The same account's live-mode secret key (sandbox only: minted with the test keys). */
  liveSecretKey?: string;
  /** API base, e.g. `http://127.0.0.1:41234` or `https://api.stripe.com`. */
  apiBase: string;
  sandbox?: RunningSandbox;
  close(): Promise<void>;
}

export const realStripeKey = process.env.STRIPE_TEST_SECRET_KEY;
export const realStripeMessage = 'real Stripe test mode (set STRIPE_TEST_SECRET_KEY, and STRIPE_TEST_PUBLISHABLE_KEY for browser-style calls, to run)';

/** A fresh sandbox with a freshly minted Stripe account. */
export async function sandboxTarget(): Promise<StripeTarget> {
  const sandbox = await startSandbox();
  const res = await fetch(`${sandbox.urls.stripe}/__sandbox/stripe/accounts`, { method: 'POST' });
  const keys = (await res.json()) as { test: { secretKey: string; publishableKey: string }; live: { secretKey: string } };
  const stripe = new Stripe(keys.test.secretKey, sdkOptions(sandbox.urls.stripe));
  return {
    name: 'sandbox',
    stripe,
    secretKey: keys.test.secretKey,
    publishableKey: keys.test.publishableKey,
    liveSecretKey: keys.live.secretKey,
    apiBase: sandbox.urls.stripe,
    sandbox,
    close: () => sandbox.close(),
  };
}

export async function realTarget(): Promise<StripeTarget> {
  const key = realStripeKey!;
  return {
    name: 'stripe',
    stripe: new Stripe(key),
    secretKey: key,
    publishableKey: process.env.STRIPE_TEST_PUBLISHABLE_KEY,
    apiBase: 'https://api.stripe.com',
    close: async () => undefined,
  };
}

/** The targets a contract suite runs against: always the sandbox; real Stripe when a key is set. */
export const targets: Array<[string, () => Promise<StripeTarget>, boolean]> = [
  ['sandbox', sandboxTarget, false],
  [realStripeMessage, realTarget, !realStripeKey],
];

/** Raw form-encoded call, as Stripe.js or curl would make it. */
export async function raw(
  base: string,
  method: string,
  path: string,
  opts: { key?: string; form?: Record<string, string>; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: Headers; body: any }> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.key) headers.authorization = `Bearer ${opts.key}`;
  let body: string | undefined;
  if (opts.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(opts.form).toString();
  }
  const res = await fetch(`${base}${path}`, { method, headers, body });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

export interface Received {
  body: string;
  headers: IncomingMessage['headers'];
}

/** A tiny local webhook receiver; `respond` decides each answer's status (default 200). */
export async function webhookReceiver(respond: (n: number) => number = () => 200): Promise<{ url: string; received: Received[]; server: Server; close(): Promise<void> }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ body: Buffer.concat(chunks).toString('utf8'), headers: req.headers });
      res.statusCode = respond(received.length);
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export async function waitFor<T>(check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** SDK options pointing the official client at a stand-in. */
export function sdkOptions(base: string, maxNetworkRetries = 0): Stripe.StripeConfig {
  const url = new URL(base);
  return { host: url.hostname, port: Number(url.port), protocol: 'http', maxNetworkRetries };
}

/** The Stripe error a call rejects with (fails the test if it resolves). */
export async function rejection(call: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  try {
    await call;
  } catch (err) {
    return err as Stripe.errors.StripeError;
  }
  throw new Error('expected the call to fail');
}
