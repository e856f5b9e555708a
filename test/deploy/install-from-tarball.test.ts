import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/checkout.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const run = promisify(execFile);

/**
 * What deploy/Dockerfile's runtime stage does, without a container engine: the package packed,
 * installed by deploy/install-package.sh into a clean folder with production dependencies only,
 * then started the way the image starts it. It must serve /readyz and take a payment (sandbox).
 */
describe('the package installed as the image installs it', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onepagepay-install-'));
  const app = path.join(dir, 'app');
  let server: ChildProcess | undefined;
  let output = '';

  beforeAll(async () => {
    const { stdout } = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: root });
    const tarball = path.join(dir, (JSON.parse(stdout) as { filename: string }[])[0]!.filename);
    await run(path.join(root, 'deploy', 'install-package.sh'), [tarball, path.join(root, 'package-lock.json'), app], { maxBuffer: 16 * 1024 * 1024 });
  }, 300_000);
  afterAll(async () => {
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((resolve) => server!.once('exit', resolve));
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('holds production dependencies only, and the built server, widget and dashboard', () => {
    const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
    const devOnly = Object.entries(lock.packages)
      .filter(([name, info]) => name.startsWith('node_modules/') && info.dev)
      .map(([name]) => name);
    expect(devOnly.length).toBeGreaterThan(50);
    expect(devOnly.filter((name) => fs.existsSync(path.join(app, name)))).toEqual([]);
    for (const name of ['fastify', 'pg', '@electric-sql/pglite', 'stripe', '@sentry/node']) expect(fs.existsSync(path.join(app, 'node_modules', name)), name).toBe(true);
    for (const file of ['bin/onepagepay.js', 'dist/cli.js', 'migrations/0001_foundation.sql']) expect(fs.existsSync(path.join(app, file)), file).toBe(true);
    expect(fs.readdirSync(path.join(app, 'dist', 'web'))).toEqual(expect.arrayContaining(['dashboard', 'widget']));
    expect(fs.existsSync(path.join(app, 'src'))).toBe(false);
  });

  it('serves /readyz and takes a payment against the sandbox', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const env = { PATH: process.env.PATH ?? '', HOME: dir, NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: base, DATA_DIR: path.join(dir, 'data'), LOG_LEVEL: 'warn' };
    server = spawn(process.execPath, [path.join(app, 'bin', 'onepagepay.js'), 'serve'], { cwd: app, env, stdio: ['ignore', 'pipe', 'pipe'] });
    server.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    server.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    const deadline = Date.now() + 60_000;
    for (;;) {
      const ready = await fetch(`${base}/readyz`).then((r) => r.status, () => 0);
      if (ready === 200) break;
      if (Date.now() > deadline || server.exitCode !== null) throw new Error(`the installed server did not become ready:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    for (const asset of ['/widget.js', '/', '/sign-in']) expect((await fetch(`${base}${asset}`)).status, asset).toBe(200);

    const { stdout } = await run(process.execPath, [path.join(app, 'bin', 'onepagepay.js'), 'create-account', '--sandbox', '--json', '--email', 'owner@example.com', '--password', 'correct horse battery'], { cwd: app, env });
    const { accountId, formId, sandbox } = JSON.parse(stdout) as { accountId: string; formId: string; sandbox: { stripe: string } };
    const config = (await (await fetch(`${base}/api/public/v1/accounts/${accountId}/forms/${formId}`)).json()) as { items: { priceId: string }[] };
    const created = await fetch(`${base}/api/public/v1/accounts/${accountId}/forms/${formId}/payments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ idempotencyKey: `install-${Date.now()}`, provider: 'stripe', items: [{ priceId: config.items[0]!.priceId, quantity: 1 }], contact: { email: 'buyer@example.com' } }),
    });
    expect(created.status).toBe(201);
    const payment = (await created.json()) as { id: string; stripe: { clientSecret: string; publishableKey: string } };
    const intent = payment.stripe.clientSecret.split('_secret_')[0];
    const confirmed = await fetch(`${sandbox.stripe}/v1/payment_intents/${intent}/confirm`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ key: payment.stripe.publishableKey, client_secret: payment.stripe.clientSecret, payment_method: 'pm_card_visa' }),
    });
    expect(confirmed.status).toBe(200);
    const completed = await fetch(`${base}/api/public/v1/accounts/${accountId}/payments/${payment.id}/complete`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(((await completed.json()) as { status: string }).status).toBe('succeeded');

    // SIGTERM (what tini forwards on `docker stop`): the server shuts down cleanly.
    server.kill('SIGTERM');
    const code = await new Promise((resolve) => server!.once('exit', resolve));
    expect(code).toBe(0);
  }, 120_000);
});
