import net from 'node:net';
import Stripe from 'stripe';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/start-sandbox.js';
import type { Driver } from './databases.js';
import { startTestApp, TestClient, uniqueEmail, type TestApp } from './harness.js';

/** A free loopback port (the app listens there so the Stripe stand-in can deliver webhooks to it). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Starts an app that must know its own URL (PUBLIC_URL) before it listens: on a free loopback
 * port, and on another one if a process on another worker took that port in between.
 */
export async function listenOnFreePort(start: (url: string) => Promise<TestApp>): Promise<{ t: TestApp; url: string }> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const t = await start(url);
    try {
      await t.app.listen({ port, host: '127.0.0.1' });
      return { t, url };
    } catch (err) {
      await t.close();
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt === 5) throw err;
    }
  }
}

export interface Merchant {
  client: TestClient;
  accountId: string;
  formId: string;
  /** fixed $25 (up to 5 per order), fixed $10, custom $5–$500, in the form's order. */
  prices: { shirt: string; sticker: string; donation: string };
}

/** A signed-up merchant with sandbox Stripe (test mode), three prices and a pick_many USD form, all made through the private API. */
export async function createMerchant(t: TestApp, form: Record<string, unknown> = {}): Promise<Merchant> {
  const client = new TestClient(t.app);
  client.origin = t.ctx.config.publicUrl;
  const signed = await client.signup(uniqueEmail('merchant'));
  const ok = async (method: 'POST' | 'PUT', url: string, body: unknown) => {
    const res = await client.request(method, url, body);
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  await ok('POST', '/api/v1/connections/stripe/test/sandbox', {});
  const product = await ok('POST', '/api/v1/products', { name: 'T-shirt' });
  const shirt = await ok('POST', '/api/v1/prices', { productId: product.id, type: 'fixed', currency: 'usd', unitAmount: 2500, maxQuantity: 5 });
  const stickers = await ok('POST', '/api/v1/products', { name: 'Sticker pack' });
  const sticker = await ok('POST', '/api/v1/prices', { productId: stickers.id, type: 'fixed', currency: 'usd', unitAmount: 1000 });
  const gift = await ok('POST', '/api/v1/products', { name: 'Donation' });
  const donation = await ok('POST', '/api/v1/prices', { productId: gift.id, type: 'custom', currency: 'usd', minAmount: 500, maxAmount: 50_000 });
  const created = await ok('POST', '/api/v1/forms', {
    name: 'Shop',
    selection: 'pick_many',
    items: [{ priceId: shirt.id }, { priceId: sticker.id }, { priceId: donation.id }],
    successMessage: 'Thank you!',
    ...form,
  });
  return { client, accountId: signed.account.id, formId: created.id, prices: { shirt: shirt.id, sticker: sticker.id, donation: donation.id } };
}

export interface CheckoutWorld {
  sandbox: RunningSandbox;
  t: TestApp;
  /** Where the app listens (PUBLIC_URL), so webhooks arrive for real. */
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * Card-testing limits out of the way: many test payments come from one address. The limits
 * themselves are tested with small values in test/checkout/card-testing.test.ts.
 */
export const relaxedCheckoutLimits = { CHECKOUT_PAYMENTS_PER_IP: '100000', CHECKOUT_DECLINES_PER_IP: '100000', CHECKOUT_COMPLETES_PER_IP: '100000' };

/** The sandbox stand-ins and an app in sandbox mode listening on a real port. */
export async function startCheckoutWorld(driver: Driver, env: Record<string, string> = {}): Promise<CheckoutWorld> {
  const sandbox = await startSandbox();
  const { t, url } = await listenOnFreePort((url) => startTestApp(driver, { PUBLIC_URL: url, ...relaxedCheckoutLimits, ...env }, { sandboxUrls: sandbox.urls }));
  return {
    sandbox,
    t,
    baseUrl: url,
    async close() {
      await sandbox.close();
      // The stand-in's webhook deliveries leave keep-alive sockets that would hold close() for Fastify's 72 s keep-alive timeout.
      t.app.server.closeAllConnections();
      await t.close();
    },
  };
}

let keyCounter = 0;
export const newIdempotencyKey = () => `test-${Date.now().toString(36)}-${(keyCounter++).toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

/** The buyer's side of the public API, over app.inject (like widget.js would call it). */
export class Buyer {
  constructor(
    readonly world: CheckoutWorld,
    readonly merchant: Merchant,
    readonly ip = '203.0.113.7',
  ) {}

  config(formId = this.merchant.formId, headers: Record<string, string> = {}) {
    return this.world.t.app.inject({ method: 'GET', url: `/api/public/v1/accounts/${this.merchant.accountId}/forms/${formId}`, headers });
  }

  pay(body: Record<string, unknown>, options: { formId?: string; accountId?: string; headers?: Record<string, string> } = {}) {
    const accountId = options.accountId ?? this.merchant.accountId;
    return this.world.t.app.inject({
      method: 'POST',
      url: `/api/public/v1/accounts/${accountId}/forms/${options.formId ?? this.merchant.formId}/payments`,
      payload: { idempotencyKey: newIdempotencyKey(), provider: 'stripe', contact: { email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' }, ...body },
      headers: options.headers,
      remoteAddress: this.ip,
    });
  }

  complete(paymentId: string, accountId = this.merchant.accountId) {
    return this.world.t.app.inject({ method: 'POST', url: `/api/public/v1/accounts/${accountId}/payments/${paymentId}/complete`, payload: {}, remoteAddress: this.ip });
  }

  /** What Stripe.js does in the browser: confirm with the publishable key and the client secret. */
  async confirm(clientSecret: string, publishableKey: string, paymentMethod: string) {
    const pi = clientSecret.split('_secret_')[0];
    const res = await fetch(`${this.world.sandbox.urls.stripe}/v1/payment_intents/${pi}/confirm`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ key: publishableKey, client_secret: clientSecret, payment_method: paymentMethod }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  /** Completes the 3-D Secure challenge the way the stand-in's challenge page does. */
  async threeDSecure(clientSecret: string, result: 'succeed' | 'fail') {
    const pi = clientSecret.split('_secret_')[0];
    const res = await fetch(`${this.world.sandbox.urls.stripe}/__sandbox/stripe/3ds/${pi}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_secret: clientSecret, result }),
    });
    if (!res.ok) throw new Error(`3ds: ${res.status} ${await res.text()}`);
  }

  /** Creates a payment for one shirt, confirms it with the given test payment method, completes it. */
  async buy(paymentMethod = 'pm_card_visa', body: Record<string, unknown> = {}) {
    const created = await this.pay({ items: [{ priceId: this.merchant.prices.shirt, quantity: 1 }], ...body });
    if (created.statusCode !== 201) throw new Error(`pay: ${created.statusCode} ${created.body}`);
    const payment = created.json();
    const confirmed = await this.confirm(payment.stripe.clientSecret, payment.stripe.publishableKey, paymentMethod);
    const completed = await this.complete(payment.id);
    return { payment, confirmed, completed: completed.json() };
  }
}

/** A Stripe SDK client for the merchant's sandbox account, acting as the merchant (secret key). */
export function merchantStripe(world: CheckoutWorld, secretKey: string) {
  const url = new URL(world.sandbox.urls.stripe);
  return new Stripe(secretKey, { host: url.hostname, port: Number(url.port), protocol: 'http' });
}
