import type { SandboxContext } from '../types.js';
import { eventId, paypalTime, transmissionId } from './ids.js';
import { authAlgo, certId, sign } from './signing.js';
import type { Delivery, PayPalStore } from './store.js';

export type EventType =
  | 'CHECKOUT.ORDER.APPROVED'
  | 'CHECKOUT.ORDER.COMPLETED'
  | 'PAYMENT.CAPTURE.COMPLETED'
  | 'PAYMENT.CAPTURE.DENIED'
  | 'PAYMENT.CAPTURE.PENDING'
  | 'PAYMENT.CAPTURE.REFUNDED';

export const eventTypes: Record<EventType, string> = {
  'CHECKOUT.ORDER.APPROVED': 'An order has been approved by buyer.',
  'CHECKOUT.ORDER.COMPLETED': 'Checkout Order Completed',
  'PAYMENT.CAPTURE.COMPLETED': 'Payment capture completed.',
  'PAYMENT.CAPTURE.DENIED': 'Payment capture denied.',
  'PAYMENT.CAPTURE.PENDING': 'Payment capture pending.',
  'PAYMENT.CAPTURE.REFUNDED': 'Payment capture refunded.',
};

/** PayPal retries up to 25 times over three days; the sandbox keeps the count but shortens the waits. */
export const maxAttempts = 25;
export const retryDelayMs = (attempt: number): number => Math.min(250 * 2 ** (attempt - 1), 30_000);
const attemptTimeoutMs = 5_000;
const tickMs = 100;

export interface WebhookDispatcher {
  emit(clientId: string, type: EventType, resourceType: string, summary: string, resource: unknown): void;
  /** Sends again an event already emitted, to the given webhooks (or all its app's). */
  resend(eventIdValue: string, webhookIds?: string[]): void;
  close(): void;
}

/**
 * Queues one delivery per subscribed webhook, signs it as PayPal does and posts it; failures
 * (non-2xx, network errors) are retried with backoff measured on the sandbox clock. Nothing is
 * sent while the provider's `webhooksPaused` fault is on; held deliveries go out once it is off.
 */
export function createWebhookDispatcher(store: PayPalStore, ctx: SandboxContext, base: () => string): WebhookDispatcher {
  const inFlight = new Set<string>();

  function queue(eventIdValue: string, body: string, webhookIds: string[]) {
    for (const id of webhookIds) {
      const webhook = store.webhooks.get(id);
      if (!webhook) continue;
      const tid = transmissionId();
      const time = paypalTime(ctx.clock.nowMs());
      const delivery: Delivery = {
        transmissionId: tid,
        eventId: eventIdValue,
        webhookId: webhook.id,
        url: webhook.url,
        body,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'PayPal/AUHD-214.0-58903291',
          'paypal-auth-algo': authAlgo,
          'paypal-auth-version': 'v2',
          'paypal-cert-url': `${base()}/v1/notifications/certs/${certId}`,
          'paypal-transmission-id': tid,
          'paypal-transmission-sig': sign(tid, time, webhook.id, body),
          'paypal-transmission-time': time,
        },
        status: 'pending',
        attempts: 0,
        nextAttemptMs: ctx.clock.nowMs(),
      };
      store.deliveries.set(tid, delivery);
    }
    setImmediate(tick);
  }

  function subscribers(clientId: string, type: string): string[] {
    return [...store.webhooks.values()]
      .filter((w) => w.clientId === clientId && (w.eventTypes.includes('*') || w.eventTypes.includes(type)))
      .map((w) => w.id);
  }

  async function attempt(delivery: Delivery) {
    inFlight.add(delivery.transmissionId);
    delivery.attempts += 1;
    try {
      const res = await fetch(delivery.url, {
        method: 'POST',
        headers: delivery.headers,
        body: delivery.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(attemptTimeoutMs),
      });
      await res.arrayBuffer().catch(() => undefined);
      delivery.lastStatus = res.status;
      delivery.lastError = res.ok ? undefined : `receiver answered ${res.status}`;
      if (res.ok) delivery.status = 'delivered';
    } catch (err) {
      delivery.lastError = (err as Error).message;
    } finally {
      inFlight.delete(delivery.transmissionId);
    }
    if (delivery.status === 'pending') {
      if (delivery.attempts >= maxAttempts) delivery.status = 'failed';
      else delivery.nextAttemptMs = ctx.clock.nowMs() + retryDelayMs(delivery.attempts);
    }
  }

  function tick() {
    if (ctx.faults.webhooksPaused) return;
    const now = ctx.clock.nowMs();
    for (const delivery of store.deliveries.values()) {
      if (delivery.status === 'pending' && delivery.nextAttemptMs <= now && !inFlight.has(delivery.transmissionId)) {
        void attempt(delivery);
      }
    }
  }

  const timer = setInterval(tick, tickMs);
  timer.unref();
  const stopListening = ctx.clock.onAdvance(() => tick());

  return {
    emit(clientId, type, resourceType, summary, resource) {
      const id = eventId();
      const self = `${base()}/v1/notifications/webhooks-events/${id}`;
      const event = {
        id,
        event_version: '1.0',
        create_time: paypalTime(ctx.clock.nowMs()),
        resource_type: resourceType,
        resource_version: '2.0',
        event_type: type,
        summary,
        resource,
        links: [
          { href: self, rel: 'self', method: 'GET' },
          { href: `${self}/resend`, rel: 'resend', method: 'POST' },
        ],
      };
      store.events.set(id, { id, clientId, body: event });
      queue(id, JSON.stringify(event), subscribers(clientId, type));
    },
    resend(eventIdValue, webhookIds) {
      const event = store.events.get(eventIdValue);
      if (!event) return;
      const all = subscribers(event.clientId, String(event.body.event_type));
      queue(eventIdValue, JSON.stringify(event.body), webhookIds ? all.filter((w) => webhookIds.includes(w)) : all);
    },
    close() {
      clearInterval(timer);
      stopListening();
    },
  };
}
