import type { Mode, PaymentProvider } from '../platform/db/schema.js';
import { loadConnectionRow } from './connection-rows.js';
import type { ConnectionContext, PaymentConnection, PaymentProviderAdapter } from './payment-provider.js';
import { paypalProvider } from './paypal/paypal-provider.js';
import { stripeProvider } from './stripe/stripe-provider.js';

/** The registered payment providers: adding one is its folder under src/providers/ and one line here. */
const adapters: Partial<Record<PaymentProvider, PaymentProviderAdapter>> = {
  stripe: stripeProvider,
  paypal: paypalProvider,
};

/** The adapter of a provider name (a route parameter, a stored row), or undefined when none is registered under it. */
export function paymentProvider(name: string): PaymentProviderAdapter | undefined {
  return Object.hasOwn(adapters, name) ? adapters[name as PaymentProvider] : undefined;
}

/** A merchant's connection to a provider in a mode, or null when the provider is not connected there (or not registered). */
export async function loadPaymentConnection(ctx: ConnectionContext, accountId: string, mode: Mode, provider: PaymentProvider): Promise<PaymentConnection | null> {
  const adapter = paymentProvider(provider);
  if (!adapter) return null;
  const row = await loadConnectionRow(ctx, accountId, mode, provider);
  return row ? adapter.open(ctx, row) : null;
}
