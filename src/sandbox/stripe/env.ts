import type { SandboxClock } from '../clock.js';
import type { SandboxContext } from '../types.js';
import type { ModeData, StripeStore } from './store.js';
import type { PaymentIntent, StripeObject } from './objects.js';

/** The API version the stand-in speaks (that of the bundled stripe SDK v23). */
export const apiVersion = '2026-10-28.endive';

/** One request's view: which account and mode it acts on, and what caused it (for events' `request`). */
export interface Scope {
  data: ModeData;
  livemode: boolean;
  requestId: string | null;
  idempotencyKey: string | null;
}

/** Everything the Stripe stand-in's modules share. */
export interface StripeEnv {
  store: StripeStore;
  clock: SandboxClock;
  ctx: SandboxContext;
  /** Records an event and queues its webhook deliveries. */
  emit(scope: Scope, type: string, object: StripeObject, previous?: Record<string, unknown>): void;
  /** Billing reacts to payments of invoice PaymentIntents. */
  onPaymentIntentSettled(scope: Scope, pi: PaymentIntent): void;
  /** This stand-in's base URL, e.g. `http://127.0.0.1:41234` (known once it listens). */
  baseUrl(): string;
}

/** A scope for work the stand-in does on its own (renewals, expiry): no request caused it. */
export function backgroundScope(data: ModeData): Scope {
  return { data, livemode: data.livemode, requestId: null, idempotencyKey: null };
}
