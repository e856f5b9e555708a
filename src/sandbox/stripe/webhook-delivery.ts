import type { FastifyBaseLogger } from 'fastify';
import type { SandboxClock } from '../clock.js';
import type { ProviderFaults } from '../faults.js';
import { newId } from './ids.js';
import type { StripeEvent } from './objects.js';
import type { ModeData } from './store.js';
import { signPayload } from './webhook-signature.js';

export interface DeliveryAttempt {
  attempt: number;
  /** Sandbox time of the attempt (ms). */
  at: number;
  status: number | null;
  error: string | null;
  responseBody: string | null;
  durationMs: number;
}

export interface Delivery {
  id: string;
  account: string;
  livemode: boolean;
  endpointId: string;
  url: string;
  eventId: string;
  eventType: string;
  state: 'pending' | 'succeeded' | 'failed';
  attempts: DeliveryAttempt[];
  createdAt: number;
  /** Next attempt is due at this sandbox time, or at `nextRealAt` on the wall clock, whichever comes first. */
  nextAttemptAt: number | null;
  nextRealAt: number | null;
}

/** Stripe-like backoff in sandbox time: then hours apart, for up to 3 days. */
const sandboxDelaysMs = [60_000, 5 * 60_000, 30 * 60_000, 60 * 60_000, 2 * 3_600_000, 5 * 3_600_000, 10 * 3_600_000];
const giveUpAfterMs = 3 * 24 * 3_600_000;

export interface DeliveryOptions {
  /** Real (wall-clock) delay before the first retry; doubles each time up to `retryMaxMs`. */
  retryBaseMs: number;
  retryMaxMs: number;
  timeoutMs: number;
}

export const defaultDeliveryOptions: DeliveryOptions = { retryBaseMs: 500, retryMaxMs: 30_000, timeoutMs: 10_000 };

/**
 * Delivers events to webhook endpoints: at least once, signed, retried with backoff, held
 * while `faults.webhooksPaused`. Retries are compressed: each is due after a Stripe-like delay
 * in sandbox time (advancing the clock fires it) or after a short real delay, whichever is first.
 */
export class WebhookDeliveries {
  private readonly deliveries = new Map<string, Delivery>();
  /** Attempts under way, by delivery id (flush waits for them too). */
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly payloads = new Map<string, { data: ModeData; event: StripeEvent }>();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly clock: SandboxClock,
    private readonly faults: ProviderFaults,
    private readonly log: FastifyBaseLogger,
    private readonly options: DeliveryOptions = defaultDeliveryOptions,
  ) {}

  enqueue(data: ModeData, event: StripeEvent): void {
    let queued = 0;
    for (const endpoint of data.webhookEndpoints.values()) {
      if (endpoint.status !== 'enabled') continue;
      if (!endpoint.enabled_events.includes('*') && !endpoint.enabled_events.includes(event.type)) continue;
      const delivery: Delivery = {
        id: newId('whdel'),
        account: data.account,
        livemode: data.livemode,
        endpointId: endpoint.id,
        url: endpoint.url,
        eventId: event.id,
        eventType: event.type,
        state: 'pending',
        attempts: [],
        createdAt: this.clock.nowMs(),
        nextAttemptAt: this.clock.nowMs(),
        nextRealAt: Date.now(),
      };
      event.pending_webhooks += 1;
      this.deliveries.set(delivery.id, delivery);
      this.payloads.set(delivery.id, { data, event });
      queued += 1;
    }
    if (queued > 0) this.schedule(0);
  }

  list(filter: { account?: string; livemode?: boolean } = {}): Delivery[] {
    return [...this.deliveries.values()].filter(
      (d) => (filter.account === undefined || d.account === filter.account) && (filter.livemode === undefined || d.livemode === filter.livemode),
    );
  }

  /** Attempts every pending delivery now (unless paused) and waits for them, and for the attempts already under way. */
  async flush(): Promise<void> {
    if (this.faults.webhooksPaused) return;
    const due = [...this.deliveries.values()].filter((d) => d.state === 'pending' && !this.inFlight.has(d.id));
    await Promise.all([...this.inFlight.values(), ...due.map((d) => this.attempt(d))]);
  }

  reset(): void {
    this.deliveries.clear();
    this.payloads.clear();
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
  }

  /** Called when the sandbox clock moves: retries that became due in sandbox time go now. */
  onClockAdvance(): void {
    this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.tick(), ms);
    this.timer.unref();
  }

  private tick(): void {
    this.timer = undefined;
    let pending = false;
    if (!this.faults.webhooksPaused) {
      const now = this.clock.nowMs();
      const real = Date.now();
      for (const d of this.deliveries.values()) {
        if (d.state !== 'pending' || this.inFlight.has(d.id)) continue;
        if ((d.nextAttemptAt !== null && now >= d.nextAttemptAt) || (d.nextRealAt !== null && real >= d.nextRealAt)) void this.attempt(d);
      }
    }
    for (const d of this.deliveries.values()) if (d.state === 'pending') pending = true;
    // While paused, poll so that lifting the pause (a plain flag) delivers promptly.
    if (pending) this.schedule(this.faults.webhooksPaused ? 100 : 50);
  }

  private attempt(d: Delivery): Promise<void> {
    const running = this.send(d).finally(() => this.inFlight.delete(d.id));
    this.inFlight.set(d.id, running);
    return running;
  }

  private async send(d: Delivery): Promise<void> {
    const source = this.payloads.get(d.id);
    if (!source) return;
    const endpoint = source.data.webhookEndpoints.get(d.endpointId);
    const secret = source.data.webhookSecrets.get(d.endpointId);
    if (!endpoint || !secret) return this.finish(d, source.event, 'failed');
    const payload = JSON.stringify(source.event, null, 2);
    const started = Date.now();
    const record: DeliveryAttempt = { attempt: d.attempts.length + 1, at: this.clock.nowMs(), status: null, error: null, responseBody: null, durationMs: 0 };
    try {
      const res = await fetch(endpoint.url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(this.options.timeoutMs),
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
          accept: '*/*; q=0.5, application/xml',
          'cache-control': 'no-cache',
          // Signed with the wall clock: receivers check freshness against their own clock.
          'stripe-signature': signPayload(payload, secret, Math.floor(Date.now() / 1000)),
        },
        body: payload,
      });
      record.status = res.status;
      record.responseBody = (await res.text()).slice(0, 500);
    } catch (err) {
      record.error = err instanceof Error ? `${err.name}: ${(err as { cause?: { code?: string } }).cause?.code ?? err.message}` : String(err);
    } finally {
      record.durationMs = Date.now() - started;
    }
    d.attempts.push(record);
    if (record.status !== null && record.status >= 200 && record.status < 300) return this.finish(d, source.event, 'succeeded');
    if (this.clock.nowMs() - d.createdAt >= giveUpAfterMs) return this.finish(d, source.event, 'failed');
    const n = d.attempts.length;
    d.nextAttemptAt = this.clock.nowMs() + sandboxDelaysMs[Math.min(n - 1, sandboxDelaysMs.length - 1)];
    d.nextRealAt = Date.now() + Math.min(this.options.retryBaseMs * 2 ** (n - 1), this.options.retryMaxMs);
    this.log.debug({ delivery: d.id, url: d.url, status: record.status, error: record.error }, 'stripe sandbox webhook delivery failed; will retry');
    this.schedule(50);
  }

  private finish(d: Delivery, event: StripeEvent, state: 'succeeded' | 'failed'): void {
    d.state = state;
    d.nextAttemptAt = null;
    d.nextRealAt = null;
    event.pending_webhooks = Math.max(0, event.pending_webhooks - 1);
    this.payloads.delete(d.id);
  }
}
