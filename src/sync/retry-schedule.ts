import type { SyncConfig } from './sync-config.js';

/** How long to wait before retry number `attempt` (1 = the first retry): doubling from the base, ±20 % jitter, never above the cap. */
export function backoffMs(attempt: number, backoff: SyncConfig['backoff'], random: () => number = Math.random): number {
  const plain = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.min(30, Math.max(0, attempt - 1)));
  return Math.round(Math.min(backoff.maxMs, plain * (0.8 + 0.4 * random())));
}

export type RetryDecision =
  | { kind: 'retry'; attempts: number; failingSince: Date; nextAttemptAt: Date }
  | { kind: 'dead'; attempts: number; failingSince: Date };

/**
 * What follows a failed attempt: another one after the backoff while the payment has been failing
 * for less than the retry window (72 h by default), a dead letter after that. Because attempts are
 * never more than the cap (5 minutes) apart, the dead letter comes within 5 minutes of the window's end.
 */
export function decideRetry(
  previous: { attempts: number; failingSince: Date | null },
  now: Date,
  config: Pick<SyncConfig, 'backoff' | 'retryWindowHours'>,
  random: () => number = Math.random,
): RetryDecision {
  const attempts = previous.attempts + 1;
  const failingSince = previous.failingSince ?? now;
  if (now.getTime() - failingSince.getTime() >= config.retryWindowHours * 3_600_000) return { kind: 'dead', attempts, failingSince };
  return { kind: 'retry', attempts, failingSince, nextAttemptAt: new Date(now.getTime() + backoffMs(attempts, config.backoff, random)) };
}
