import fs from 'node:fs';
import path from 'node:path';
import type { Client } from '@hubspot/api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.js';
import { openDatabase, type Database } from '../../src/platform/db/connect.js';
import { migrationsDir } from '../../src/platform/schema/migrate.js';
import type { HubSpotConnection } from '../../src/providers/hubspot/load-hubspot-connection.js';
import { failureOf } from '../../src/sync/hubspot-failure.js';
import { PortalCaller } from '../../src/sync/portal-caller.js';
import { RateLimitedError, SharedRateLimiter } from '../../src/sync/shared-rate-limiter.js';
import { syncMetrics } from '../../src/sync/sync-metrics.js';

/** A clock that only moves when someone sleeps: the tests prove the windows, not the speed. */
function fakeClock() {
  let t = 1_000_000;
  return { now: () => t, sleep: async (ms: number) => void (t += ms), advance: (ms: number) => void (t += ms) };
}

const maxInAnyWindow = (times: number[], windowMs: number) => Math.max(...times.map((start) => times.filter((x) => x >= start && x < start + windowMs).length));

// Only the limiter's table, as the migrations make it: no need for the whole schema here.
const ddl = [
  /CREATE TABLE hubspot_rate_limits \([\s\S]*?\n\);/.exec(fs.readFileSync(path.join(migrationsDir, '0005_sync.sql'), 'utf8'))![0],
  fs.readFileSync(path.join(migrationsDir, '0015_hubspot_daily.sql'), 'utf8'),
].join('\n');

describe('SharedRateLimiter (HubSpot requests per portal, shared through Postgres)', () => {
  let db: Database;
  let portal = 0;
  const nextPortal = () => String(++portal);
  beforeAll(async () => {
    db = await openDatabase({});
    await db.query(ddl);
  });
  afterAll(() => db.close());

  it('never lets more than max requests end in any rolling window, whichever worker asks', async () => {
    const clock = fakeClock();
    const options = { max: 5, intervalMs: 1000, marginMs: 0, maxCallMs: 500, ...clock };
    const workers = [new SharedRateLimiter(db, options), new SharedRateLimiter(db, options), new SharedRateLimiter(db, options)];
    const portalId = nextPortal();
    const ended: number[] = [];
    for (let i = 0; i < 40; i++) {
      const turn = await workers[i % 3]!.acquire(portalId);
      clock.advance(37); // the request takes a while
      ended.push(clock.now());
      await workers[(i + 1) % 3]!.release(turn);
    }
    expect(maxInAnyWindow(ended, 1000)).toBe(5);
    expect(ended.at(-1)! - ended[0]!).toBeGreaterThanOrEqual(7 * 1000);
  });

  it('counts a request in flight until its answer (or its deadline), so a late send cannot crowd a window', async () => {
    const clock = fakeClock();
    const start = clock.now();
    let release: (() => Promise<void>) | undefined;
    // The answer to the first request comes 3 s in, while the third request is waiting.
    const sleep = async (ms: number) => {
      clock.advance(ms);
      if (release && clock.now() >= start + 3000) await release.call(null).then(() => (release = undefined));
    };
    const limiter = new SharedRateLimiter(db, { max: 2, intervalMs: 1000, marginMs: 0, maxCallMs: 10_000, now: clock.now, sleep });
    const portalId = nextPortal();
    const first = await limiter.acquire(portalId);
    await limiter.acquire(portalId);
    release = () => limiter.release(first);
    await limiter.acquire(portalId);
    expect(clock.now() - start).toBeGreaterThanOrEqual(4000); // answered at +3 s, counted until +4 s
    expect(clock.now() - start).toBeLessThan(5000);

    // Never answered (a crashed worker): counted until its deadline, then out of the window.
    const stuck = nextPortal();
    const before = clock.now();
    await limiter.acquire(stuck);
    await limiter.acquire(stuck);
    await limiter.acquire(stuck);
    expect(clock.now() - before).toBeGreaterThanOrEqual(10_000 + 1000);

    // Timed out (no answer at the deadline): it may still arrive, so it counts for another deadline.
    const late = nextPortal();
    const turn = await limiter.acquire(late);
    clock.advance(10_000);
    await limiter.release(turn, false);
    const timedOutAt = clock.now();
    await limiter.acquire(late);
    await limiter.acquire(late);
    expect(clock.now() - timedOutAt).toBeGreaterThanOrEqual(10_000 + 1000);
  });

  it('after a pause, every worker waits it out; a wait longer than a worker waits fails with the time to come back', async () => {
    const clock = fakeClock();
    const a = new SharedRateLimiter(db, { max: 100, intervalMs: 10_000, ...clock });
    const b = new SharedRateLimiter(db, { max: 100, intervalMs: 10_000, ...clock });
    const portalId = nextPortal();
    const start = clock.now();
    await a.pause(portalId, 10_000);
    await b.acquire(portalId);
    expect(clock.now()).toBeGreaterThanOrEqual(start + 10_000);

    await a.pause(portalId, 3_600_000);
    const refused = await b.acquire(portalId).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(RateLimitedError);
    expect((refused as RateLimitedError).retryAt.getTime()).toBe(clock.now() + 3_600_000);
  });

  it("an OAuth app's window holds its own limit (110 per 10 s), a private app's the configured one", async () => {
    const clock = fakeClock();
    const limiter = new SharedRateLimiter(db, { max: 3, oauthMax: 5, intervalMs: 10_000, ...clock });
    const [privately, byOAuth] = [nextPortal(), nextPortal()];
    const timesOf = async (portalId: string, authType: 'private_app' | 'oauth') => {
      const start = clock.now();
      const times: number[] = [];
      for (let i = 0; i < 10; i++) {
        await limiter.release(await limiter.acquire(portalId, authType));
        times.push(clock.now() - start);
      }
      return times;
    };
    expect(maxInAnyWindow(await timesOf(privately, 'private_app'), 10_000)).toBe(3);
    expect(maxInAnyWindow(await timesOf(byOAuth, 'oauth'), 10_000)).toBe(5);
  });

  it("stops at the day's share of HubSpot's daily limit, shared by every worker, until the next UTC day; usage says where it stands", async () => {
    const clock = fakeClock();
    const options = { max: 100, intervalMs: 10_000, daily: 4, ...clock };
    const [a, b] = [new SharedRateLimiter(db, options), new SharedRateLimiter(db, options)];
    const portalId = nextPortal();
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 ? a : b).acquire(portalId).then(() => 'ok', (err: unknown) => err)));
    expect(results.filter((r) => r === 'ok')).toHaveLength(4);
    const refused = results.filter((r) => r instanceof RateLimitedError) as RateLimitedError[];
    expect(refused).toHaveLength(2);
    const midnight = new Date(clock.now());
    midnight.setUTCHours(24, 0, 0, 0);
    for (const err of refused) expect(err.retryAt.getTime()).toBe(midnight.getTime());
    expect(await a.usage(portalId)).toEqual({ inWindow: 4, today: 4 });

    clock.advance(midnight.getTime() - clock.now());
    await b.acquire(portalId);
    expect(await a.usage(portalId)).toEqual({ inWindow: 1, today: 1 });
  });

  describe('PortalCaller on a 429', () => {
    const ctx = () => ({ database: db, secretBox: undefined as never, config: { sync: { rateLimitMax: 100, rateLimitWindowSeconds: 10 } } as Config });
    const connection = (portalId: string): HubSpotConnection => ({
      accessToken: 't',
      portalId,
      hubDomain: null,
      authType: 'private_app',
      sandbox: true,
      client: {} as Client,
      baseUrl: 'http://hubspot.invalid',
    });
    /** What the official client throws for HubSpot's 429: the body without `policyName`, the headers lower-cased. */
    const tooMany = (message: string, intervalMs = '2000') =>
      Object.assign(new Error('HTTP-Code: 429'), { code: 429, body: { status: 'error', message }, headers: { 'x-hubspot-ratelimit-interval-milliseconds': intervalMs } });

    it("pauses the portal for HubSpot's window (from its headers) for every worker, then tries again", async () => {
      const clock = fakeClock();
      const limiter = new SharedRateLimiter(db, { max: 100, intervalMs: 10_000, ...clock });
      const portalId = nextPortal();
      const caller = new PortalCaller(ctx(), { accountId: 'a', mode: 'test' }, connection(portalId), limiter, syncMetrics({ database: db }));
      const calls: number[] = [];
      const answer = await caller.call('test', async () => {
        calls.push(clock.now());
        if (calls.length === 1) throw tooMany('You have reached your ten_secondly_rolling limit.');
        return 'ok';
      });
      expect(answer).toBe('ok');
      expect(calls[1]! - calls[0]!).toBeGreaterThanOrEqual(2000);
      // Another worker meets the same pause.
      const other = new SharedRateLimiter(db, { max: 100, intervalMs: 10_000, ...clock });
      await limiter.pause(portalId, 2000);
      const before = clock.now();
      await other.acquire(portalId);
      expect(clock.now() - before).toBeGreaterThanOrEqual(2000);
    });

    it("after the daily limit, stops for an hour: the attempt fails as rate limited with the time to retry", async () => {
      const clock = fakeClock();
      const limiter = new SharedRateLimiter(db, { max: 100, intervalMs: 10_000, ...clock });
      const caller = new PortalCaller(ctx(), { accountId: 'a', mode: 'test' }, connection(nextPortal()), limiter, syncMetrics({ database: db }));
      let calls = 0;
      const err = await caller
        .call('test', async () => {
          calls += 1;
          throw tooMany('You have reached your daily limit.');
        })
        .catch((e: unknown) => e);
      expect(calls).toBe(1);
      expect(err).toBeInstanceOf(RateLimitedError);
      const failure = failureOf(err);
      expect(failure).toMatchObject({ retryable: true, code: 'rate_limited', retryAt: new Date(clock.now() + 3_600_000) });
    });
  });
});
