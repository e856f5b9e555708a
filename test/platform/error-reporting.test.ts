import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flushErrorReports, initErrorReporting, reportError } from '../../src/platform/logging/error-reporting.js';
import { startCronJob } from '../../src/platform/jobs/cron-job.js';
import { startJobs } from '../../src/platform/jobs/boss.js';
import { startTestApp, type TestApp } from '../helpers/harness.js';

interface SentryEvent {
  exception?: { values: { type: string; value: string }[] };
  tags?: Record<string, string>;
  release?: string;
  environment?: string;
  user?: unknown;
  request?: Record<string, unknown>;
}

/** A local stand-in for Sentry's ingest: keeps the events of every envelope it receives. */
async function startIngest() {
  const events: { path: string; event: SentryEvent }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body = Buffer.concat(chunks);
      if (req.headers['content-encoding'] === 'gzip') body = zlib.gunzipSync(body);
      const lines = body.toString('utf8').split('\n').filter(Boolean);
      for (let i = 1; i + 1 < lines.length; i += 2) {
        const item = JSON.parse(lines[i]!) as { type: string };
        if (item.type === 'event') events.push({ path: req.url ?? '', event: JSON.parse(lines[i + 1]!) as SentryEvent });
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { events, port: (server.address() as AddressInfo).port, close: () => new Promise((resolve) => server.close(resolve)) };
}

describe('errors reported to Sentry (SENTRY_DSN)', () => {
  let ingest: Awaited<ReturnType<typeof startIngest>>;
  let t: TestApp;
  beforeAll(async () => {
    ingest = await startIngest();
    await initErrorReporting({ dsn: `http://publickey@127.0.0.1:${ingest.port}/42`, release: 'onepagepay@9.9.9', environment: 'test-env' });
    t = await startTestApp('pglite');
  });
  afterAll(async () => {
    await t?.close().catch(() => undefined);
    await ingest?.close();
  });

  const secrets = ['ada@example.com', '203.0.113.9', 'sk_test_51Habc123', '4242 4242 4242 4242', 'whsec_abc123'];

  it('sends an error with release, environment and context, scrubbed of emails, IPs, keys and card numbers', async () => {
    reportError(new Error(`charge for ada@example.com from 203.0.113.9 failed with sk_test_51Habc123, card 4242 4242 4242 4242, whsec_abc123`), { job: 'test-job' });
    await flushErrorReports();
    await expect.poll(() => ingest.events.length).toBeGreaterThan(0);
    const { path, event } = ingest.events.at(-1)!;
    expect(path).toMatch(/^\/api\/42\/envelope\//);
    expect(event).toMatchObject({ release: 'onepagepay@9.9.9', environment: 'test-env', tags: { job: 'test-job' } });
    const text = JSON.stringify(event);
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(event.exception!.values[0]!.value).toBe(
      'charge for [email redacted] from [ip redacted] failed with [key redacted], card [card redacted], [key redacted]',
    );
  });

  it('reports a failing cron job with its queue', async () => {
    const boss = await startJobs(t.ctx.database, { schedule: false, supervise: false });
    try {
      const before = ingest.events.length;
      const logged: string[] = [];
      const log = { error: (_obj: object, msg: string) => void logged.push(msg) };
      const job = await startCronJob(
        boss,
        'housekeeping',
        '17 * * * *',
        async () => {
          throw new Error('housekeeping broke for ada@example.com');
        },
        { log, message: 'housekeeping failed; the next hourly run tries again' },
      );
      await boss.send('housekeeping', {});
      await expect.poll(async () => (await flushErrorReports(), ingest.events.length), { timeout: 20_000, interval: 250 }).toBeGreaterThan(before);
      const { event } = ingest.events.at(-1)!;
      expect(event.tags).toMatchObject({ job: 'housekeeping' });
      expect(event.exception!.values[0]!.value).toBe('housekeeping broke for [email redacted]');
      expect(logged).toContain('housekeeping failed; the next hourly run tries again');
      await job.stop();
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
  }, 30_000);

  it('reports a route’s unexpected error with its request id and route, and no request data', async () => {
    const before = ingest.events.length;
    await t.ctx.database.close(); // every query now fails: the next request hits an error no route expects
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/public/v1/accounts/${'a'.repeat(32)}/forms/form_${'b'.repeat(24)}?email=ada@example.com`,
      headers: { cookie: 'session=secret-cookie', 'x-forwarded-for': '203.0.113.9' },
    });
    expect(res.statusCode).toBe(500);
    expect(res.json().error.code).toBe('internal');
    await flushErrorReports();
    await expect.poll(() => ingest.events.length).toBeGreaterThan(before);
    const { event } = ingest.events.at(-1)!;
    expect(event.tags).toMatchObject({ requestId: res.headers['x-request-id'], method: 'GET', route: '/api/public/v1/accounts/:accountId/forms/:formId' });
    expect(event.user).toBeUndefined();
    const text = JSON.stringify(event);
    for (const secret of [...secrets, 'secret-cookie']) expect(text).not.toContain(secret);
  });
});
