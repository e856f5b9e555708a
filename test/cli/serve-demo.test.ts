import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatAmount } from '../../src/platform/money/currencies.js';
import { freePort } from '../helpers/checkout.js';
import { cliEntry, repoRoot } from '../helpers/cli.js';
import { createTestDatabase, drivers } from '../helpers/databases.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opp-serve-demo-'));
const running: ChildProcess[] = [];
afterAll(() => {
  for (const child of running) child.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Starts `onepagepay serve` like `npm start` does (sandbox mode: no provider keys), and waits for its banner. */
async function serve(port: number, env: Record<string, string> = {}): Promise<{ child: ChildProcess; banner: string }> {
  const child = spawn(process.execPath, [cliEntry, 'serve'], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: `http://127.0.0.1:${port}`, DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
  });
  running.push(child);
  let out = '';
  const banner = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner after 90 s:\n${out}`)), 90_000);
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      if (/demo page .*: \S+\n/.test(out) || /\n {2}create a sign-in.*\n(?! {2}demo)/.test(out)) {
        clearTimeout(timer);
        setTimeout(() => resolve(out), 100);
      }
    });
    child.stderr!.on('data', (chunk) => (out += chunk));
    child.on('exit', (code) => reject(new Error(`serve exited (${code}):\n${out}`)));
  });
  return { child, banner };
}

async function stop(child: ChildProcess) {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

const demoOf = (banner: string) => ({
  password: /demo: sign in as demo@onepagepay\.local with password (\S+)/.exec(banner)?.[1],
  url: /demo page .*: (\S+)/.exec(banner)?.[1],
});

async function formConfigOf(demoUrl: string, port: number) {
  const url = new URL(demoUrl);
  const res = await fetch(`http://127.0.0.1:${port}/api/public/v1/accounts/${url.searchParams.get('account')}/forms/${url.searchParams.get('form')}`);
  return (await res.json()) as {
    available: boolean;
    currency: string;
    hubspot: { portalId: string; formId: string };
    items: { type: string; unitAmount: number | null }[];
    providers: { paypal: unknown };
  };
}

// The child's environment is explicit: it runs the embedded default whatever DATABASE_URL this run has.
describe('npm start in sandbox mode (onepagepay serve)', () => {
  it('creates the demo account on an empty database, prints how to sign in and the demo page, and revives it after a restart', { timeout: 240_000 }, async () => {
    const port = await freePort();
    const first = await serve(port);
    const demo = demoOf(first.banner);
    expect(demo.password, first.banner).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(demo.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/demo\?/);
    expect(new URL(demo.url!).searchParams.get('widget')).toBe(`http://127.0.0.1:${port}/widget.js`);
    const page = await fetch(demo.url!);
    expect(page.status).toBe(200);
    const config = await formConfigOf(demo.url!, port);
    expect(config).toMatchObject({ available: true, hubspot: { portalId: new URL(demo.url!).searchParams.get('portalId') } });
    // The landing page promises what the demo shop sells: its prices are the form's, and PayPal only when offered.
    const html = await page.text();
    const fixedPrices = config.items.filter((item) => item.type === 'fixed').map((item) => formatAmount(item.unitAmount!, config.currency));
    const shown = [...html.matchAll(/[$€£]\d[\d,]*\.\d\d/g)].map((m) => m[0]);
    expect(shown.length).toBeGreaterThan(0);
    for (const amount of shown) expect(fixedPrices).toContain(amount);
    if (config.providers.paypal === null) expect(html).not.toMatch(/paypal/i);

    // The demo merchant can sign in with the printed password.
    const csrf = await fetch(`http://127.0.0.1:${port}/api/v1/auth/csrf`);
    const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: `http://127.0.0.1:${port}`,
        cookie: csrf.headers.getSetCookie().map((c) => c.split(';')[0]).join('; '),
        'x-csrf-token': ((await csrf.json()) as { csrfToken: string }).csrfToken,
      },
      body: JSON.stringify({ email: 'demo@onepagepay.local', password: demo.password }),
    });
    expect(login.status).toBe(200);
    await stop(first.child);

    // The stand-ins kept their data in DATA_DIR: the demo shop keeps its sandbox accounts (same
    // HubSpot portal and form), and the password is shown again.
    expect(fs.existsSync(path.join(dataDir, 'sandbox-state.json'))).toBe(true);
    const second = await serve(port);
    const again = demoOf(second.banner);
    expect(again.password).toBe(demo.password);
    const portalOf = (url: string) => new URL(url).searchParams.get('portalId');
    expect(portalOf(again.url!)).toBe(portalOf(demo.url!));
    expect(new URL(again.url!).searchParams.get('formId')).toBe(new URL(demo.url!).searchParams.get('formId'));
    const revived = await formConfigOf(again.url!, port);
    expect(revived).toMatchObject({ available: true, hubspot: { portalId: portalOf(again.url!) } });
    await stop(second.child);

    // Without the saved state (moved aside), the demo shop is reconnected to fresh stand-in accounts.
    fs.renameSync(path.join(dataDir, 'sandbox-state.json'), path.join(dataDir, 'sandbox-state.json.aside'));
    const third = await serve(port);
    const fresh = demoOf(third.banner);
    expect(new URL(fresh.url!).searchParams.get('formId')).not.toBe(new URL(demo.url!).searchParams.get('formId')); // a new HubSpot form
    expect(await formConfigOf(fresh.url!, port)).toMatchObject({ available: true, hubspot: { portalId: portalOf(fresh.url!) } });
    await stop(third.child);
  });
});

// Issue 11, Medium 6: the README's production recipe must not start the stand-ins or a demo account.
describe.runIf(drivers.includes('pg'))('serve with DATABASE_URL (production recipe)', () => {
  it('is not in sandbox mode: no stand-ins, no demo account, and the banner says why', { timeout: 120_000 }, async () => {
    const db = await createTestDatabase('pg');
    try {
      const port = await freePort();
      const env = { DATABASE_URL: db.url!, ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64'), PUBLIC_URL: `http://127.0.0.1:${port}`, METRICS_TOKEN: 'scrape-token' };
      const { child, banner } = await serve(port, env);
      expect(banner).toMatch(/sandbox mode: off \(DATABASE_URL is set and SANDBOX is not\)/);
      expect(banner).not.toMatch(/demo/);
      expect((await fetch(`http://127.0.0.1:${port}/sandbox.json`)).status).toBe(404);
      const { rows } = await db.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM users`);
      expect(rows[0]!.n).toBe(0);
      await stop(child);

      const forced = await serve(port, { ...env, SANDBOX: '1' });
      expect(forced.banner).toMatch(/sandbox mode: on \(SANDBOX=1\)/);
      expect((await fetch(`http://127.0.0.1:${port}/sandbox.json`)).status).toBe(200);
      await stop(forced.child);
    } finally {
      await db.close();
    }
  });
});
