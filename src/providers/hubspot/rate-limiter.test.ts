import { describe, expect, it } from 'vitest';
import { PortalRateLimiter } from './rate-limiter.js';

/** A clock that only moves when the limiter sleeps, so the test proves the window, not the speed. */
function fakeClock() {
  let t = 1_000_000;
  return { now: () => t, sleep: async (ms: number) => void (t += ms) };
}

const maxInAnyWindow = (times: number[], intervalMs: number) => Math.max(...times.map((start) => times.filter((x) => x >= start && x < start + intervalMs).length));

describe('PortalRateLimiter', () => {
  it('lets at most max requests through in any rolling window, in the order asked', async () => {
    const clock = fakeClock();
    const limiter = new PortalRateLimiter({ max: 3, intervalMs: 1000, ...clock });
    const started: { i: number; at: number }[] = [];
    await Promise.all(Array.from({ length: 10 }, (_, i) => limiter.schedule('1', async () => void started.push({ i, at: clock.now() }))));
    expect(started.map((s) => s.i)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(maxInAnyWindow(started.map((s) => s.at), 1000)).toBe(3);
    expect(started[9].at - started[0].at).toBeGreaterThanOrEqual(3000);
  });

  it('keeps portals apart', async () => {
    const clock = fakeClock();
    const limiter = new PortalRateLimiter({ max: 2, intervalMs: 1000, ...clock });
    for (let i = 0; i < 2; i++) await limiter.acquire('a');
    const before = clock.now();
    await limiter.acquire('b');
    await limiter.acquire('b');
    expect(clock.now()).toBe(before);
    await limiter.acquire('a');
    expect(clock.now()).toBe(before + 1000);
  });

  it("adopts HubSpot's advertised limit with a tenth in reserve, and pauses after a 429", async () => {
    const clock = fakeClock();
    const limiter = new PortalRateLimiter({ max: 100, intervalMs: 10_000, ...clock });
    limiter.observe('p', new Headers({ 'X-HubSpot-RateLimit-Max': '10', 'X-HubSpot-RateLimit-Interval-Milliseconds': '2000' }));
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      await limiter.acquire('p');
      times.push(clock.now());
    }
    expect(maxInAnyWindow(times, 2000)).toBe(9);

    const start = clock.now();
    limiter.pause('p', 10_000);
    await limiter.acquire('p');
    expect(clock.now()).toBeGreaterThanOrEqual(start + 10_000);
  });
});
