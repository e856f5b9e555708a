import type { MonitoredProvider } from '../platform/db/schema.js';

/** Every provider's name as merchants and buyers read it. */
export const providerNames: Record<MonitoredProvider, string> = { stripe: 'Stripe', paypal: 'PayPal', hubspot: 'HubSpot' };
