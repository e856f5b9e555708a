import type { SqlExecutor } from '../platform/db/connect.js';

/** The portal has no room before `retryAt` (HubSpot paused us, or the window is full for longer than a worker waits). */
export class RateLimitedError extends Error {
  constructor(readonly retryAt: Date) {
    super(`HubSpot's rate limit for this portal leaves no room before ${retryAt.toISOString()}`);
    this.name = 'RateLimitedError';
  }
}

export interface SharedRateLimitOptions {
  /** Requests a private app may make per portal in any rolling window of `intervalMs`. */
  max: number;
  /** The same for an OAuth app (HubSpot: 110 per 10 s); `max` when absent. */
  oauthMax?: number;
  intervalMs: number;
  /** Requests allowed per portal per UTC day (the sync's share of HubSpot's daily limit). */
  daily?: number;
  /** The longest a request can take (its deadline): until released, a request counts as ending then. */
  maxCallMs?: number;
  /** Added to the window, for clock differences between instances. */
  marginMs?: number;
  /** Longer waits fail with RateLimitedError instead (the job is rescheduled). */
  maxWaitMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** A turn taken in a portal's window; give it back with `release` once the request has its answer. */
export interface Turn {
  portalId: string;
  /** The time the turn is counted at until released (taken + maxCallMs). */
  until: number;
}

const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const nextUtcMidnight = (ms: number) => {
  const next = new Date(ms);
  next.setUTCHours(24, 0, 0, 0);
  return next.getTime();
};

/** While waiting for a turn held by a request in flight, look again this often. */
const pollMs = 100;

/**
 * HubSpot's per-portal rate limit, shared by every worker of every instance through Postgres
 * (`hubspot_rate_limits`): per portal, the times of the last requests, taken and changed under the
 * row lock, so no rolling window holds more than `max` requests whichever process sent them.
 *
 * A request is counted at the time it got its answer (`release`), and until then at its deadline.
 * HubSpot counts it when it arrives, which is between the two ends we know: a turn is granted only
 * when fewer than `max` requests ended (or may still end) within the last window, and then no
 * window at HubSpot can hold more than `max` arrivals, however late a request left the process
 * (a busy event loop) or however long it travelled. A request that timed out counts for another
 * deadline, as it may still arrive. After a 429, `pause` holds every worker back.
 * Times come from the instances' clocks (kept in step by NTP; the margin absorbs small skew).
 */
export class SharedRateLimiter {
  private readonly windowMs: number;
  private readonly maxCallMs: number;
  private readonly maxWaitMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly db: SqlExecutor,
    private readonly options: SharedRateLimitOptions,
  ) {
    this.windowMs = options.intervalMs + (options.marginMs ?? 100);
    this.maxCallMs = options.maxCallMs ?? 10_000;
    this.maxWaitMs = options.maxWaitMs ?? Math.max(30_000, 2 * (this.windowMs + this.maxCallMs));
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** The portal's window as configured (what a 429 without HubSpot's window header pauses for). */
  get intervalMs() {
    return this.options.intervalMs;
  }

  /**
   * Waits for the portal's next free turn and takes it; throws RateLimitedError when that is more
   * than `maxWaitMs` away (the day's share spent: at the next UTC midnight). The window holds as many
   * requests as the connection's kind of app may make: a private app's `max`, an OAuth app's `oauthMax`.
   */
  async acquire(portalId: string, authType: 'private_app' | 'oauth' = 'private_app'): Promise<Turn> {
    const max = authType === 'oauth' ? (this.options.oauthMax ?? this.options.max) : this.options.max;
    for (;;) {
      const now = this.now();
      const until = now + this.maxCallMs;
      const { granted, waitMs, held } = await this.take(portalId, now, until, max);
      if (granted) return { portalId, until };
      if (waitMs > this.maxWaitMs) throw new RateLimitedError(new Date(now + waitMs));
      // A turn held by a request in flight frees up when it is released, usually long before its deadline.
      await this.sleep(Math.max(1, held ? Math.min(waitMs, pollMs) : waitMs));
    }
  }

  /**
   * The request has its answer: it counts from now, not from its deadline. One that got none (it
   * timed out) may still reach HubSpot: it counts for another `maxCallMs`.
   */
  async release(turn: Turn, answered = true): Promise<void> {
    const now = this.now();
    await this.db.query(
      `UPDATE hubspot_rate_limits SET sent[array_position(sent, $2::bigint)] = $3::bigint
        WHERE portal_id = $1 AND array_position(sent, $2::bigint) IS NOT NULL`,
      [turn.portalId, turn.until, answered ? Math.min(now, turn.until) : Math.max(now, turn.until) + this.maxCallMs],
    );
  }

  /** No request for the portal from any worker during the next `ms` (HubSpot answered 429). */
  async pause(portalId: string, ms: number): Promise<void> {
    await this.db.query(
      `INSERT INTO hubspot_rate_limits (portal_id, paused_until) VALUES ($1, $2)
       ON CONFLICT (portal_id) DO UPDATE SET paused_until = greatest(hubspot_rate_limits.paused_until, EXCLUDED.paused_until)`,
      [portalId, this.now() + ms],
    );
  }

  /** What the portal's row says now: requests of the current window (those in flight too), and of today (UTC). */
  async usage(portalId: string): Promise<{ inWindow: number; today: number }> {
    const now = this.now();
    const { rows } = await this.db.query<{ in_window: number; today: number }>(
      `SELECT (SELECT count(*) FROM unnest(sent) AS s WHERE s > $2::bigint - $3::bigint)::int AS in_window,
              CASE WHEN day = $4 THEN day_count ELSE 0 END AS today
         FROM hubspot_rate_limits WHERE portal_id = $1`,
      [portalId, now, this.windowMs, utcDay(now)],
    );
    return { inWindow: Number(rows[0]?.in_window ?? 0), today: Number(rows[0]?.today ?? 0) };
  }

  private async take(portalId: string, now: number, until: number, max: number): Promise<{ granted: boolean; waitMs: number; held: boolean }> {
    const today = utcDay(now);
    const { rows } = await this.db.query<{ granted: boolean; wait_ms: number; held: boolean }>(
      `WITH current AS (
         SELECT portal_id, paused_until, CASE WHEN day = $6 THEN day_count ELSE 0 END AS today_count,
                ARRAY(SELECT s FROM unnest(sent) AS s WHERE s > $2::bigint - $3::bigint ORDER BY s) AS live
           FROM hubspot_rate_limits WHERE portal_id = $1 FOR UPDATE
       ), decided AS (
         SELECT *, paused_until <= $2::bigint AND cardinality(live) < $4::int AND today_count < $7::int AS granted,
                CASE WHEN cardinality(live) >= $4::int THEN live[cardinality(live) - $4::int + 1] END AS freeing
           FROM current
       )
       UPDATE hubspot_rate_limits r
          SET sent = CASE WHEN d.granted THEN d.live || $5::bigint ELSE d.live END,
              day = $6,
              day_count = d.today_count + CASE WHEN d.granted THEN 1 ELSE 0 END
         FROM decided d
        WHERE r.portal_id = d.portal_id
       RETURNING d.granted,
         CASE WHEN d.granted THEN 0
              WHEN d.today_count >= $7::int THEN $8::bigint - $2::bigint
              ELSE greatest(d.paused_until - $2::bigint, coalesce(d.freeing + $3::bigint - $2::bigint, 0)) END::float8 AS wait_ms,
         coalesce(d.freeing > $2::bigint, false) AS held`,
      [portalId, now, this.windowMs, max, until, today, this.options.daily ?? 2_147_483_647, nextUtcMidnight(now)],
    );
    const row = rows[0];
    if (row) return { granted: row.granted, waitMs: Math.ceil(Number(row.wait_ms)), held: row.held };
    await this.db.query(`INSERT INTO hubspot_rate_limits (portal_id) VALUES ($1) ON CONFLICT DO NOTHING`, [portalId]);
    return this.take(portalId, now, until, max);
  }
}
