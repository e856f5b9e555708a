import { describe, expect, it } from 'vitest';
import { backoffMs, decideRetry } from './retry-schedule.js';

const config = { backoff: { baseMs: 10_000, maxMs: 300_000 }, retryWindowHours: 72 };
const hour = 3_600_000;

describe('retry schedule', () => {
  it('doubles from the base and never waits more than 5 minutes, jitter included', () => {
    const plain = () => 0.5; // no jitter
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffMs(n, config.backoff, plain))).toEqual([10_000, 20_000, 40_000, 80_000, 160_000, 300_000]);
    for (const attempt of [1, 5, 6, 50, 10_000]) {
      for (const r of [0, 0.999]) expect(backoffMs(attempt, config.backoff, () => r)).toBeLessThanOrEqual(300_000);
    }
    expect(backoffMs(1, config.backoff, () => 0)).toBe(8_000);
    expect(backoffMs(1, config.backoff, () => 0.999)).toBeLessThanOrEqual(12_000);
  });

  it('retries for the whole window, then makes a dead letter', () => {
    const start = new Date('2026-01-01T00:00:00Z');
    const first = decideRetry({ attempts: 0, failingSince: null }, start, config, () => 0.5);
    expect(first).toEqual({ kind: 'retry', attempts: 1, failingSince: start, nextAttemptAt: new Date(start.getTime() + 10_000) });
    const late = new Date(start.getTime() + 72 * hour - 1);
    expect(decideRetry({ attempts: 900, failingSince: start }, late, config).kind).toBe('retry');
    expect(decideRetry({ attempts: 900, failingSince: start }, new Date(start.getTime() + 72 * hour), config)).toEqual({ kind: 'dead', attempts: 901, failingSince: start });
  });

  it('keeps trying at least 72 hours: attempts every ≤ 5 minutes reach the window, and the dead letter follows within 5 minutes of it', () => {
    const start = new Date('2026-01-01T00:00:00Z');
    let state = { attempts: 0, failingSince: null as Date | null };
    let now = start;
    let attempts = 0;
    for (;;) {
      const decision = decideRetry(state, now, config);
      attempts += 1;
      if (decision.kind === 'dead') break;
      expect(decision.nextAttemptAt.getTime() - now.getTime()).toBeLessThanOrEqual(300_000);
      state = { attempts: decision.attempts, failingSince: decision.failingSince };
      now = decision.nextAttemptAt;
    }
    expect(now.getTime() - start.getTime()).toBeGreaterThanOrEqual(72 * hour);
    expect(now.getTime() - start.getTime()).toBeLessThanOrEqual(72 * hour + 300_000);
    expect(attempts).toBeGreaterThan(800);
  });
});
