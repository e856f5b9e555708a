import type { Client } from '@hubspot/api-client';
import type { Scope } from '../platform/tenancy/scope.js';
import type { AppContext } from '../platform/http/types.js';
import { hubspotTimeoutMs } from '../providers/hubspot/hubspot-client.js';
import { hubspotMessage, hubspotStatus, HubSpotUnreachableError, isNetworkError } from '../providers/hubspot/hubspot-errors.js';
import { loadHubSpotConnection, type HubSpotConnection } from '../providers/hubspot/load-hubspot-connection.js';
import type { SharedRateLimiter } from './shared-rate-limiter.js';
import type { SyncMetrics } from './sync-metrics.js';

/** After a 429 the call is tried again (once the pause is over) this many times before the attempt fails. */
const maxRateLimitedRetries = 3;
/** HubSpot's daily limit resets at midnight in the account's time zone; look again in an hour. */
const dailyPauseMs = 60 * 60 * 1000;

/**
 * The sync's time for this batch is up (its jobs are about to expire): the call was not made, and
 * the payments are tried again by a new job.
 */
export class SyncOutOfTimeError extends Error {
  constructor() {
    super('The sync ran out of time for this batch before calling HubSpot again');
    this.name = 'SyncOutOfTimeError';
  }
}

/**
 * How long every worker leaves the portal alone after a 429, per HubSpot's policy: the rolling
 * window's length (from the X-HubSpot-RateLimit-Interval-Milliseconds header, else the limiter's
 * window) for TEN_SECONDLY_ROLLING, an hour for DAILY. The official client keeps the 429's message
 * but drops `policyName`, so the message tells the policy, as the client's own retry logic does.
 */
export function pauseAfter429(body: unknown, headers: Record<string, string> | undefined, fallbackMs: number): number {
  if (/daily/i.test(hubspotMessage(body) ?? '')) return dailyPauseMs;
  const interval = Number(headers?.['x-hubspot-ratelimit-interval-milliseconds']);
  return Number.isFinite(interval) && interval > 0 ? interval : fallbackMs;
}

/**
 * Makes one connection's HubSpot calls for the sync: each waits for its turn in the portal's window
 * shared by all workers (SharedRateLimiter), has a deadline (the official client has no timeout),
 * honours a 429 by pausing the portal for every worker and trying again, and refreshes an OAuth
 * token HubSpot answered 401 to once. No call starts that could end after `callsUntil`
 * (SyncOutOfTimeError instead). Other failures are thrown to the caller.
 */
export class PortalCaller {
  private refreshed = false;

  constructor(
    private readonly ctx: Pick<AppContext, 'database' | 'secretBox' | 'sandboxUrls' | 'config'>,
    private readonly scope: Scope,
    private connection: HubSpotConnection,
    private readonly limiter: SharedRateLimiter,
    private readonly metrics: SyncMetrics,
    private readonly limits: { callsUntil?: number; timeoutMs?: number } = {},
  ) {}

  private get timeoutMs() {
    return this.limits.timeoutMs ?? hubspotTimeoutMs;
  }

  /** Whether a call started now could outlast the batch's time. */
  private outOfTime() {
    return this.limits.callsUntil !== undefined && Date.now() + this.timeoutMs > this.limits.callsUntil;
  }

  get portalId() {
    return this.connection.portalId;
  }

  async call<T>(operation: string, fn: (client: Client) => Promise<T>): Promise<T> {
    for (let rateLimited = 0; ; ) {
      if (this.outOfTime()) throw new SyncOutOfTimeError();
      const turn = await this.limiter.acquire(this.connection.portalId, this.connection.authType);
      if (this.outOfTime()) {
        await this.limiter.release(turn);
        throw new SyncOutOfTimeError();
      }
      let result: T;
      try {
        result = await withDeadline(fn(this.connection.client), this.timeoutMs);
      } catch (thrown) {
        const timedOut = thrown instanceof HubSpotUnreachableError && thrown.reason === 'timeout';
        await this.limiter.release(turn, !timedOut);
        // Anything the official client throws that is not HubSpot's answer (a cut connection, a body it cannot parse) means HubSpot was not heard.
        const err = hubspotStatus(thrown) || isNetworkError(thrown) ? thrown : new HubSpotUnreachableError('unreachable', thrown);
        const answer = hubspotStatus(err);
        this.metrics.calls.inc({ operation, outcome: answer?.status === 429 ? 'rate_limited' : 'error' });
        if (answer?.status === 429 && rateLimited++ < maxRateLimitedRetries) {
          const headers = (err as { headers?: Record<string, string> }).headers;
          await this.limiter.pause(this.connection.portalId, pauseAfter429(answer.body, headers, this.limiter.intervalMs));
          continue;
        }
        if (answer?.status === 401 && this.connection.authType === 'oauth' && !this.refreshed) {
          this.refreshed = true;
          const fresh = await loadHubSpotConnection(this.ctx, this.scope.accountId, this.scope.mode, { forceRefresh: true });
          if (fresh) {
            this.connection = fresh;
            continue;
          }
        }
        throw err;
      }
      await this.limiter.release(turn);
      this.metrics.calls.inc({ operation, outcome: 'ok' });
      return result;
    }
  }
}

/** The call's answer, or HubSpotUnreachableError('timeout') once `ms` have passed (the request itself cannot be aborted). */
async function withDeadline<T>(call: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new HubSpotUnreachableError('timeout')), ms);
  });
  try {
    return await Promise.race([call, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
