import type { AppContext } from '../platform/http/types.js';
import { SharedRateLimiter } from './shared-rate-limiter.js';
import { syncConfigOf } from './sync-config.js';

export interface PortalUsage {
  /** Requests the sync made to the portal today (UTC), of the `dailyLimit` it allows itself. */
  today: number;
  dailyLimit: number;
  /** Requests in the current rolling window (in flight included), of the `windowMax` this kind of app may make. */
  inWindow: number;
  windowMax: number;
  intervalMs: number;
}

/** How much of HubSpot's limits the sync is using on a portal, as every worker counts it (hubspot_rate_limits). */
export async function portalUsage(ctx: Pick<AppContext, 'database' | 'config'>, portalId: string, authType: 'private_app' | 'oauth'): Promise<PortalUsage> {
  const config = syncConfigOf(ctx.config);
  const limiter = new SharedRateLimiter(ctx.database, { ...config.rateLimit, daily: config.dailyLimit });
  const { inWindow, today } = await limiter.usage(portalId);
  const windowMax = authType === 'oauth' ? (config.rateLimit.oauthMax ?? config.rateLimit.max) : config.rateLimit.max;
  return { today, dailyLimit: config.dailyLimit, inWindow, windowMax, intervalMs: config.rateLimit.intervalMs };
}
