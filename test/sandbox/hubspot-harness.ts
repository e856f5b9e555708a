import Fastify from 'fastify';
import formbody from '@fastify/formbody';
import qs from 'qs';
import { Client } from '@hubspot/api-client';
import { SandboxClock } from '../../src/sandbox/clock.js';
import { defaultFaults, faultHook } from '../../src/sandbox/faults.js';
import { hubspotFaultBodies, hubspotStandIn } from '../../src/sandbox/hubspot/index.js';
import type { SandboxUrls } from '../../src/sandbox/types.js';

/**
 * Runs the HubSpot stand-in alone on a loopback port, wired the way `startSandbox()` wires it
 * (qs form parsing, fault hook), so its tests need neither the Stripe nor the PayPal stand-in.
 */
export async function startHubSpotStandIn() {
  const clock = new SandboxClock();
  const faults = defaultFaults();
  const urls = {} as SandboxUrls;
  const app = Fastify({ logger: false });
  await app.register(formbody, { parser: (body) => qs.parse(body, { depth: 10 }) });
  app.addHook('onRequest', faultHook(faults, hubspotFaultBodies));
  let handle: Awaited<ReturnType<typeof hubspotStandIn>>;
  await app.register(async (scope) => {
    handle = await hubspotStandIn(scope, { clock, faults, urls, log: app.log });
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  const url = `http://127.0.0.1:${address.port}`;
  urls.hubspot = url;

  async function json<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(url + path, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as T };
  }

  return {
    url,
    clock,
    faults,
    app,
    json,
    /** A new portal and its private-app token. */
    async createPortal(options: Record<string, unknown> = {}): Promise<{ portalId: number; accessToken: string }> {
      const res = await json('POST', '/__sandbox/hubspot/portals', options);
      if (res.status !== 201) throw new Error(`createPortal: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },
    /** The official client pointed at the stand-in. */
    client(accessToken: string, options: Record<string, unknown> = {}) {
      return new Client({ accessToken, basePath: url, ...options });
    },
    /** A raw call with a bearer token. */
    api<T = any>(token: string, method: string, path: string, body?: unknown) {
      return json<T>(method, path, body, { authorization: `Bearer ${token}` });
    },
    reset: () => handle?.reset?.(),
    close: () => app.close(),
  };
}

export type HubSpotHarness = Awaited<ReturnType<typeof startHubSpotStandIn>>;
