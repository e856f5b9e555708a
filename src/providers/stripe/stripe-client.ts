import Stripe from 'stripe';
import { AppError } from '../../platform/http/errors.js';
import type { AppContext } from '../../platform/http/types.js';

/** How long one Stripe call may take before the SDK gives up on it (each retry gets as long again). */
export const stripeTimeoutMs = 10_000;
export const stripeMaxNetworkRetries = 2;

export interface StripeTarget {
  secretKey: string;
  /** True when the connection points at the sandbox stand-in rather than api.stripe.com. */
  sandbox: boolean;
}

// Clients are reused: building one per payment would cost an agent and a config parse on the hot path.
const clients = new Map<string, Stripe>();
const maxCachedClients = 1000;

/**
 * The one way to get a Stripe client. A sandbox connection targets the stand-in at
 * `sandboxUrls.stripe` (plain http on loopback) and is refused when the server is not in
 * sandbox mode; every other connection uses the SDK's default, https://api.stripe.com, with no
 * host override at all.
 */
export function stripeClient(conn: StripeTarget, sandboxUrls?: AppContext['sandboxUrls']): Stripe {
  if (conn.sandbox && !sandboxUrls) {
    throw new AppError('provider_unavailable', 'This Stripe connection uses the sandbox, but the server is not running in sandbox mode. Reconnect Stripe with real keys.');
  }
  const target = conn.sandbox ? sandboxUrls!.stripe : 'https://api.stripe.com';
  const cacheKey = `${target} ${conn.secretKey}`;
  const cached = clients.get(cacheKey);
  if (cached) return cached;

  const options: Stripe.StripeConfig = {
    timeout: stripeTimeoutMs,
    maxNetworkRetries: stripeMaxNetworkRetries,
    appInfo: { name: 'OnePagePay' },
    telemetry: false,
  };
  if (conn.sandbox) {
    const url = new URL(target);
    Object.assign(options, { host: url.hostname, port: Number(url.port), protocol: 'http' as const });
  }
  const client = new Stripe(conn.secretKey, options);
  if (clients.size >= maxCachedClients) clients.delete(clients.keys().next().value!);
  clients.set(cacheKey, client);
  return client;
}
