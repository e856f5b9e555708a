/**
 * The sandbox clock: real time plus an offset that tests and the control API can advance,
 * so that subscription renewals, idempotency-key expiry, token expiry and webhook retries
 * happen without waiting real minutes.
 */
export type ClockListener = (nowMs: number) => void;

export class SandboxClock {
  private offsetMs = 0;
  private readonly listeners = new Set<ClockListener>();

  nowMs(): number {
    return Date.now() + this.offsetMs;
  }

  /** How far the clock has been advanced beyond real time, in ms. */
  advancedMs(): number {
    return this.offsetMs;
  }

  /** Unix seconds, as Stripe's `created` fields. */
  nowSeconds(): number {
    return Math.floor(this.nowMs() / 1000);
  }

  advance(ms: number): number {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('the sandbox clock only moves forward');
    this.offsetMs += ms;
    const now = this.nowMs();
    for (const listener of this.listeners) listener(now);
    return now;
  }

  onAdvance(listener: ClockListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
