import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { parseSandboxArgs } from '../../src/sandbox/sandbox-command.js';
import { cliEntry } from '../helpers/cli.js';

const children: ChildProcessWithoutNullStreams[] = [];

function run(args: string[]) {
  const child = spawn(process.execPath, [cliEntry, 'sandbox', ...args], { cwd: process.cwd(), stdio: 'pipe' });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => (stdout += c));
  child.stderr.on('data', (c) => (stderr += c));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const firstLine = new Promise<string>((resolve, reject) => {
    const check = () => {
      const nl = stdout.indexOf('\n');
      if (nl >= 0) resolve(stdout.slice(0, nl));
    };
    child.stdout.on('data', check);
    child.on('exit', (code) => reject(new Error(`exited ${code} before printing: ${stderr}`)));
  });
  firstLine.catch(() => undefined); // tests that expect an early exit never read it
  return { child, exited, firstLine, out: () => stdout, err: () => stderr };
}

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});

describe('onepagepay sandbox (process)', () => {
  it('prints exactly one line of JSON with the three base URLs and the inbox, applies fault flags, and exits cleanly on SIGTERM', async () => {
    const proc = run(['--outage', 'stripe=503', '--latency=hubspot=20', '--pause-webhooks', 'paypal', '--burst429', 'paypal=1']);
    const { smtp, ...urls } = JSON.parse(await proc.firstLine) as Record<string, string>;
    expect(Object.keys(urls).sort()).toEqual(['hubspot', 'mail', 'paypal', 'stripe']);
    for (const url of Object.values(urls)) expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(smtp).toMatch(/^smtp:\/\/127\.0\.0\.1:\d+$/);

    expect((await fetch(`${urls.stripe}/v1/customers`)).status).toBe(503);
    expect((await fetch(`${urls.paypal}/v1/notifications/webhooks`)).status).toBe(429);
    const state = await (await fetch(`${urls.paypal}/__sandbox/state`)).json();
    expect(state.hubspot.latencyMs).toBe(20);
    expect(state.paypal.webhooksPaused).toBe(true);

    proc.child.kill('SIGTERM');
    expect(await proc.exited).toBe(0);
    expect(proc.out().trim().split('\n')).toHaveLength(1);
  });

  it('sets the HubSpot stand-in’s rate limit', async () => {
    const proc = run(['--hubspot-rate-limit', '7']);
    const urls = JSON.parse(await proc.firstLine);
    const res = await (await fetch(`${urls.hubspot}/__sandbox/hubspot/rate-limit`)).json();
    expect(res.rateLimit.max).toBe(7);
    proc.child.kill('SIGTERM');
    expect(await proc.exited).toBe(0);
  });

  it('listens on the ports it is given and stops on SIGINT', async () => {
    const free = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const port = (s.address() as { port: number }).port;
        s.close(() => resolve(port));
      });
    });
    const proc = run(['--paypal-port', String(free)]);
    const urls = JSON.parse(await proc.firstLine);
    expect(urls.paypal).toBe(`http://127.0.0.1:${free}`);
    proc.child.kill('SIGINT');
    expect(await proc.exited).toBe(0);
  });

  it('exits 2 with a message on stderr and nothing on stdout for a bad flag', async () => {
    const proc = run(['--error-rate', 'stripe=2']);
    expect(await proc.exited).toBe(2);
    expect(proc.out()).toBe('');
    expect(proc.err()).toMatch(/--error-rate <PROVIDER=F>' argument 'stripe=2' is invalid\. errorRate must be a number from 0 to 1/);
    expect(proc.err()).toMatch(/Usage: onepagepay sandbox/);
  });

  it('exits 1 with a message when a port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as { port: number }).port;
    const proc = run(['--stripe-port', String(port)]);
    expect(await proc.exited).toBe(1);
    expect(proc.out()).toBe('');
    expect(proc.err()).toMatch(/could not start/);
    blocker.close();
  });
});

describe('parseSandboxArgs', () => {
  it('reads ports, host and per-provider faults, including "all"', () => {
    const o = parseSandboxArgs(['--host', '0.0.0.0', '--stripe-port', '4001', '--latency', 'all=100', '--outage', 'hubspot=refuse', '--error-rate=paypal=0.25', '--hubspot-rate-limit', '50']);
    expect(o.host).toBe('0.0.0.0');
    expect(o.ports).toEqual({ stripe: 4001 });
    expect(o.faults.stripe).toEqual({ latencyMs: 100 });
    expect(o.faults.hubspot).toEqual({ latencyMs: 100, outage: 'refuse' });
    expect(o.faults.paypal).toEqual({ latencyMs: 100, errorRate: 0.25 });
    expect(o.hubspotRateLimit).toBe(50);
  });

  it.each([
    [['--outage', 'stripe=sometimes'], /outage must be off, 503 or refuse/],
    [['--latency', 'stripe'], /needs PROVIDER=MS, e\.g\. --latency stripe=200/],
    [['--burst429', 'adyen=3'], /unknown provider "adyen"/],
    [['--stripe-port', 'http'], /whole number/],
    [['--host'], /option '--host <HOST>' argument missing/],
    [['serve'], /too many arguments/],
    [['--colour', 'red'], /unknown option '--colour'/],
    [['--log-level', 'loud'], /--log-level/],
  ])('refuses %j', (args, message) => {
    expect(() => parseSandboxArgs(args)).toThrow(message);
  });
});
