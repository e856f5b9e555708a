import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/start-sandbox.js';
import { sandboxProviders, type SandboxProvider } from '../../src/sandbox/types.js';

let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => sandbox?.close());
afterEach(async () => {
  for (const p of sandboxProviders) {
    await sandbox.setFaults(p, { outage: 'off', latencyMs: 0, burst429: 0, errorRate: 0, webhooksPaused: false });
  }
});

/** Each provider's injected-error body, recognised by its own shape. */
const shapeOf: Record<SandboxProvider, (body: any, status: number) => void> = {
  stripe: (body, status) => {
    expect(body.error.type).toMatch(status === 429 ? /error/ : /api_error/);
    if (status === 429) expect(body.error.code).toBe('rate_limit');
  },
  hubspot: (body, status) => {
    expect(body).toMatchObject({ status: 'error', correlationId: expect.any(String) });
    if (status === 429) expect(body.policyName).toBe('TEN_SECONDLY_ROLLING');
  },
  paypal: (body, status) => {
    expect(body).toMatchObject({ name: status === 503 ? 'SERVICE_UNAVAILABLE' : status === 429 ? 'RATE_LIMIT_REACHED' : 'INTERNAL_SERVER_ERROR', debug_id: expect.any(String) });
  },
};

const otherThan = (p: SandboxProvider): SandboxProvider => sandboxProviders.find((x) => x !== p)!;

async function probe(p: SandboxProvider) {
  const res = await fetch(`${sandbox.urls[p]}/v1/sandbox-fault-probe`);
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: res.status, body: body as any, headers: res.headers };
}

async function control(p: SandboxProvider, path: string, body?: unknown) {
  const res = await fetch(`${sandbox.urls[p]}/__sandbox${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

const refused = async (p: SandboxProvider) => {
  try {
    await fetch(`${sandbox.urls[p]}/v1/sandbox-fault-probe`);
    return false;
  } catch (err) {
    return ((err as { cause?: { code?: string } }).cause?.code ?? '') === 'ECONNREFUSED';
  }
};

it('prints the base URLs of three stand-ins on distinct loopback ports', () => {
  const ports = sandboxProviders.map((p) => new URL(sandbox.urls[p]).port);
  expect(new Set(ports).size).toBe(3);
  for (const p of sandboxProviders) expect(sandbox.urls[p]).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
});

describe.each(sandboxProviders)('%s faults', (p) => {
  it('answers 503 in the provider’s shape during an outage set through the control API, and recovers', async () => {
    const set = await control(p, '/faults', { outage: '503' });
    expect(set.body.faults.outage).toBe('503');
    const down = await probe(p);
    expect(down.status).toBe(503);
    shapeOf[p](down.body, 503);
    await control(p, '/faults', { outage: 'off' });
    expect((await probe(p)).status).not.toBe(503);
  });

  it('answers 503 during an outage set in-process', async () => {
    await sandbox.setFaults(p, { outage: '503' });
    expect((await probe(p)).status).toBe(503);
  });

  it('refuses connections during a refuse outage and listens again on the same port afterwards', async () => {
    const portBefore = new URL(sandbox.urls[p]).port;
    await probe(p); // leave a keep-alive connection in the pool: it must not survive the outage
    const set = await control(otherThan(p), '/faults', { provider: p, outage: 'refuse' });
    expect(set.status).toBe(200);
    expect(await refused(p)).toBe(true);
    await control(otherThan(p), '/faults', { provider: p, outage: 'off' });
    expect((await probe(p)).status).toBeLessThan(500);
    expect(new URL(sandbox.urls[p]).port).toBe(portBefore);
  });

  it('answers the control call that switches its own port off before refusing', async () => {
    const set = await control(p, '/faults', { outage: 'refuse' });
    expect(set.body.faults.outage).toBe('refuse');
    expect(await refused(p)).toBe(true);
    await sandbox.setFaults(p, { outage: 'off' });
    expect((await probe(p)).status).toBeLessThan(500);
  });

  it('adds latency', async () => {
    await control(p, '/faults', { latencyMs: 250 });
    const started = performance.now();
    await probe(p);
    expect(performance.now() - started).toBeGreaterThanOrEqual(240);
    await sandbox.setFaults(p, { latencyMs: 0 });
    const again = performance.now();
    await probe(p);
    expect(performance.now() - again).toBeLessThan(200);
  });

  it('answers a burst of 429s, then normally', async () => {
    await control(p, '/faults', { burst429: 2 });
    const first = await probe(p);
    expect(first.status).toBe(429);
    shapeOf[p](first.body, 429);
    expect((await probe(p)).status).toBe(429);
    expect((await probe(p)).status).not.toBe(429);
    expect(sandbox.faults[p].burst429).toBe(0);
  });

  it('answers 500 to everything at error rate 1', async () => {
    await control(p, '/faults', { errorRate: 1 });
    for (let i = 0; i < 5; i++) {
      const res = await probe(p);
      expect(res.status).toBe(500);
      if (i === 0) shapeOf[p](res.body, 500);
    }
    await control(p, '/faults', { errorRate: 0 });
    expect((await probe(p)).status).toBeLessThan(500);
  });

  it('never applies faults to the control API itself', async () => {
    await sandbox.setFaults(p, { outage: '503', errorRate: 1 });
    const state = await control(p, '/state');
    expect(state.status).toBe(200);
    expect(state.body[p]).toMatchObject({ outage: '503', errorRate: 1 });
  });

  it('pauses webhooks from the control API, accepting "true"/"false" strings', async () => {
    await control(p, '/faults', { webhooksPaused: 'true' });
    expect(sandbox.faults[p].webhooksPaused).toBe(true);
    await control(p, '/faults', { webhooksPaused: 'false' });
    expect(sandbox.faults[p].webhooksPaused).toBe(false);
  });
});

describe('control API', () => {
  it('advances one clock shared by all stand-ins', async () => {
    const before = sandbox.clock.nowMs();
    const res = await control('stripe', '/clock/advance', { seconds: 3600 });
    expect(res.body.nowMs).toBeGreaterThanOrEqual(before + 3_600_000);
    const seen = await control('paypal', '/clock');
    expect(seen.body.nowMs).toBeGreaterThanOrEqual(before + 3_600_000);
    expect((await control('hubspot', '/clock/advance', { seconds: -1 })).status).toBe(400);
  });

  it('resets a stand-in’s data', async () => {
    const created = await fetch(`${sandbox.urls.paypal}/__sandbox/paypal/apps`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(created.status).toBe(201);
    const res = await fetch(`${sandbox.urls.stripe}/__sandbox/reset`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ provider: 'paypal' }),
    });
    expect(await res.json()).toEqual({ provider: 'paypal', reset: true });
    const apps = await (await fetch(`${sandbox.urls.paypal}/__sandbox/paypal/apps`)).json();
    expect(apps.apps).toEqual([]);
    const all = await fetch(`${sandbox.urls.hubspot}/__sandbox/reset`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"provider":"all"}' });
    expect((await all.json()).provider).toBe('all');
  });

  it('accepts a bodiless POST with a JSON content type', async () => {
    const res = await fetch(`${sandbox.urls.stripe}/__sandbox/reset`, { method: 'POST', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(200);
  });

  it('refuses bad fault values and unknown providers with 400, changing nothing', async () => {
    expect((await control('stripe', '/faults', { errorRate: 2 })).status).toBe(400);
    expect((await control('stripe', '/faults', { outage: 'sometimes' })).status).toBe(400);
    expect((await control('stripe', '/faults', { provider: 'adyen', latencyMs: 5 })).status).toBe(400);
    expect((await control('stripe', '/faults', { latencyMs: 10, errorRate: 'x' })).status).toBe(400);
    expect(sandbox.faults.stripe.latencyMs).toBe(0);
    await expect(sandbox.setFaults('stripe', { errorRate: -1 })).rejects.toThrow(/errorRate/);
  });

  it('serves the base URLs of all stand-ins', async () => {
    const res = await control('paypal', '/urls');
    expect(res.body).toEqual(sandbox.urls);
  });
});

describe('lifecycle', () => {
  it('closes cleanly while a stand-in refuses connections', async () => {
    const other = await startSandbox({ faults: { paypal: { outage: 'refuse' } } });
    expect(other.faults.paypal.outage).toBe('refuse');
    await expect(fetch(`${other.urls.paypal}/v1/x`)).rejects.toThrow();
    await other.close();
    await expect(fetch(`${other.urls.stripe}/v1/x`)).rejects.toThrow();
  });
});
