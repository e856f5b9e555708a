import { Client } from '@hubspot/api-client';
import { startSandbox } from '../../src/sandbox/start-sandbox.js';

/**
 * The sandbox (all three stand-ins, as `onepagepay sandbox` runs them) with helpers for the HubSpot one:
 * raw calls, portal creation and the official client pointed at it.
 */
export async function startHubSpotStandIn() {
  const sandbox = await startSandbox();
  const url = sandbox.urls.hubspot;
  const clock = sandbox.clock;
  const faults = sandbox.faults.hubspot;

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
    sandbox,
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
    reset: () => sandbox.reset('hubspot'),
    close: () => sandbox.close(),
  };
}

export type HubSpotHarness = Awaited<ReturnType<typeof startHubSpotStandIn>>;
