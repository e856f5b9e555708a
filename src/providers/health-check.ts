/**
 * Why a provider check ended as it did. `up`: ok, rate_limited (the provider answered; we are only
 * throttled). `down`: timeout, unreachable, server_error (5xx), credentials_refused (401/403,
 * refresh refused), misconfigured (e.g. a sandbox connection on a server not in sandbox mode),
 * error (anything else).
 */
export type CheckReason = 'ok' | 'rate_limited' | 'timeout' | 'unreachable' | 'server_error' | 'credentials_refused' | 'misconfigured' | 'error';

export interface CheckResult {
  status: 'up' | 'down';
  reason: CheckReason;
  /** For the merchant's dashboard; never a secret. */
  detail: string | null;
}

export const up = (reason: CheckReason = 'ok', detail: string | null = null): CheckResult => ({ status: 'up', reason, detail });
export const down = (reason: CheckReason, detail: string): CheckResult => ({ status: 'down', reason, detail });
