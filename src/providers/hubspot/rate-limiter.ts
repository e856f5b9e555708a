export interface RateLimitOptions {
  /** Requests allowed per portal in any rolling window of `intervalMs`. */
  max: number;
  intervalMs: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

interface PortalWindow {
  /** Start times of the requests in the current window, oldest first. */
  sent: number[];
  max: number;
  intervalMs: number;
  /** No request before this time (after a 429). */
  pausedUntil: number;
  /** Acquisitions wait their turn in order. */
  queue: Promise<void>;
}

/**
 * Paces HubSpot calls per portal in this process: at most `max` requests in any rolling
 * `intervalMs`, first come first served. HubSpot's limit is per portal (private apps 100–250 per
 * 10 s by tier, OAuth apps 110); the limiter learns the real one from the `X-HubSpot-RateLimit-*`
 * headers (`observe`) and keeps a tenth in reserve. After a 429, `pause` holds the portal back.
 *
 * It paces one process: with several workers, give each a share (`hubspotRateLimiter.configure`).
 * Official-client calls go through `callHubSpot` (./hubspot-client.ts), which acquires here first.
 */
export class PortalRateLimiter {
  private readonly portals = new Map<string, PortalWindow>();
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private defaults: RateLimitOptions) {
    this.now = defaults.now ?? Date.now;
    this.sleep = defaults.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** Changes the limit for portals seen from now on (and for one portal, when given). */
  configure(limit: { max: number; intervalMs: number }, portalId?: string) {
    if (portalId === undefined) this.defaults = { ...this.defaults, ...limit };
    else Object.assign(this.window(portalId), limit);
  }

  /** Runs `fn` once the portal has room for one more request. */
  async schedule<T>(portalId: string, fn: () => Promise<T>): Promise<T> {
    await this.acquire(portalId);
    return fn();
  }

  /** Waits until the portal has room for one more request, and counts it. */
  acquire(portalId: string): Promise<void> {
    const w = this.window(portalId);
    const turn = w.queue.then(() => this.waitForRoom(w));
    w.queue = turn.catch(() => {});
    return turn;
  }

  /** Adopts the limit HubSpot reports in a response's headers, keeping a tenth in reserve. */
  observe(portalId: string, headers: { get(name: string): string | null } | Record<string, string | string[] | undefined>) {
    const read = (name: string) => {
      const raw = typeof headers.get === 'function' ? (headers as { get(n: string): string | null }).get(name) : (headers as Record<string, unknown>)[name.toLowerCase()];
      const n = Number(Array.isArray(raw) ? raw[0] : raw);
      return Number.isInteger(n) && n > 0 ? n : undefined;
    };
    const max = read('X-HubSpot-RateLimit-Max');
    const intervalMs = read('X-HubSpot-RateLimit-Interval-Milliseconds');
    const w = this.window(portalId);
    if (max !== undefined) w.max = Math.max(1, Math.floor(max * 0.9));
    if (intervalMs !== undefined) w.intervalMs = intervalMs;
  }

  /** Holds the portal's requests back for `ms` (HubSpot answered 429). */
  pause(portalId: string, ms: number) {
    const w = this.window(portalId);
    w.pausedUntil = Math.max(w.pausedUntil, this.now() + ms);
  }

  private window(portalId: string): PortalWindow {
    let w = this.portals.get(portalId);
    if (!w) {
      w = { sent: [], max: this.defaults.max, intervalMs: this.defaults.intervalMs, pausedUntil: 0, queue: Promise.resolve() };
      this.portals.set(portalId, w);
    }
    return w;
  }

  private async waitForRoom(w: PortalWindow) {
    for (;;) {
      const now = this.now();
      while (w.sent.length > 0 && w.sent[0] <= now - w.intervalMs) w.sent.shift();
      const wait = Math.max(w.pausedUntil - now, w.sent.length >= w.max ? w.sent[w.sent.length - w.max] + w.intervalMs - now : 0);
      if (wait <= 0) {
        w.sent.push(now);
        return;
      }
      await this.sleep(wait);
    }
  }
}

/** The process's limiter for HubSpot calls (Free/Starter private-app limit until headers say otherwise). */
export const hubspotRateLimiter = new PortalRateLimiter({ max: 90, intervalMs: 10_000 });
