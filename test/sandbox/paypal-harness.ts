/** Shared by the PayPal stand-in tests: the stand-in alone, a raw-fetch client and a webhook receiver. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import formbody from '@fastify/formbody';
import qs from 'qs';
import { expect } from 'vitest';
import { SandboxClock } from '../../src/sandbox/clock.js';
import { defaultFaults, faultHook } from '../../src/sandbox/faults.js';
import type { SandboxUrls, StandInHandle } from '../../src/sandbox/types.js';
import { paypalFaultBodies, paypalStandIn } from '../../src/sandbox/paypal/index.js';

/** The PayPal stand-in alone, wired the way the sandbox runner wires it (independent of the other stand-ins). */
export async function startPayPal() {
  const clock = new SandboxClock();
  const faults = defaultFaults();
  const urls = {} as SandboxUrls;
  const app = Fastify({ logger: false });
  await app.register(formbody, { parser: (body) => qs.parse(body) });
  app.addHook('onRequest', faultHook(faults, paypalFaultBodies));
  let handle: StandInHandle | void = undefined;
  await app.register(async (scope) => {
    handle = await paypalStandIn(scope, { clock, faults, urls, log: app.log });
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  urls.paypal = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const close = async () => {
    await (handle as StandInHandle | undefined)?.close?.();
    await app.close();
  };
  return { clock, faults, base: urls.paypal, close };
}
export type PayPalUnderTest = Awaited<ReturnType<typeof startPayPal>>;

export interface Response {
  status: number;
  headers: Headers;
  body: any;
}

/** A merchant's view of the stand-in: one app, its token, and raw REST calls. */
export class PayPalClient {
  token = '';
  constructor(
    readonly base: string,
    readonly clientId: string,
    readonly clientSecret: string,
  ) {}

  static async create(base: string): Promise<PayPalClient> {
    const res = await fetch(`${base}/__sandbox/paypal/apps`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const app = (await res.json()) as { clientId: string; clientSecret: string };
    const client = new PayPalClient(base, app.clientId, app.clientSecret);
    await client.refreshToken();
    return client;
  }

  requestToken(secret = this.clientSecret) {
    return fetch(`${this.base}/v1/oauth2/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${this.clientId}:${secret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
  }

  async refreshToken() {
    this.token = ((await (await this.requestToken()).json()) as { access_token: string }).access_token;
  }

  async call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
  }

  async createOrder(value = '10.00') {
    const res = await this.call('POST', '/v2/checkout/orders', orderBody(value));
    expect(res.status).toBe(201);
    return res.body as { id: string; status: string; links: { rel: string; href: string }[] };
  }

  approve(id: string, buyer?: string) {
    return this.call('POST', `/__sandbox/paypal/orders/${id}/approve`, buyer ? { buyer } : {});
  }

  /** Created, approved by the paying buyer and captured; returns the order and its capture id. */
  async paidOrder(value = '10.00') {
    const order = await this.createOrder(value);
    await this.approve(order.id);
    const captured = await this.call('POST', `/v2/checkout/orders/${order.id}/capture`, {});
    return { order, captureId: captured.body.purchase_units[0].payments.captures[0].id as string };
  }
}

export const orderBody = (value = '10.00', currency = 'USD') => ({
  intent: 'CAPTURE',
  purchase_units: [{ reference_id: 'pay_1', custom_id: 'acct:pay_1', invoice_id: `inv-${Math.random()}`, amount: { currency_code: currency, value } }],
});

export interface Received {
  headers: Record<string, string>;
  body: string;
}

/** A webhook receiver that fails its first `state.failures` deliveries with a 500. */
export async function startReceiver() {
  const received: Received[] = [];
  const state = { failures: 0, attempts: 0 };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      state.attempts += 1;
      if (state.failures > 0) {
        state.failures -= 1;
        res.writeHead(500).end('receiver down');
        return;
      }
      received.push({ headers: req.headers as Record<string, string>, body });
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/webhooks/paypal/acct`;
  return { url, received, state, close: () => new Promise<void>((r) => server.close(() => r())) };
}

export async function waitFor<T>(check: () => T | undefined, timeoutMs = 5000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}
