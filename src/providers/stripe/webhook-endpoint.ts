import Stripe from 'stripe';
import { isStripeNotFound } from './stripe-errors.js';

/** The events the webhook handler acts on; the endpoint created at connect subscribes to exactly these. */
export const stripeWebhookEvents = [
  'payment_intent.succeeded',
  'payment_intent.payment_failed',
  'payment_intent.canceled',
  'payment_intent.processing',
  'payment_intent.requires_action',
  'charge.refunded',
  'refund.updated',
  'refund.created',
  'charge.dispute.created',
  'charge.dispute.updated',
  'charge.dispute.closed',
] as const satisfies readonly Stripe.WebhookEndpointCreateParams.EnabledEvent[];

/** Where Stripe delivers an account's events (DESIGN.md contract). */
export const stripeWebhookUrl = (publicUrl: string, accountId: string) => `${publicUrl}/api/webhooks/stripe/${accountId}`;

/** Creates the account's webhook endpoint at Stripe; the answer is the only time Stripe shows its signing secret. */
export async function createStripeWebhookEndpoint(client: Stripe, input: { url: string; accountId: string; mode: string }) {
  const endpoint = await client.webhookEndpoints.create({
    url: input.url,
    enabled_events: [...stripeWebhookEvents],
    description: `OnePagePay (${input.mode} mode)`,
    metadata: { onepagepay_account: input.accountId },
    // Events are rendered in the API version the SDK speaks, so handlers read the shapes they were typed for.
    api_version: Stripe.API_VERSION as Stripe.WebhookEndpointCreateParams.ApiVersion,
  });
  if (!endpoint.secret) throw new Error('Stripe created a webhook endpoint without a signing secret');
  return { id: endpoint.id, secret: endpoint.secret, livemode: endpoint.livemode };
}

/** Deletes a webhook endpoint at Stripe; one already gone counts as deleted. */
export async function deleteStripeWebhookEndpoint(client: Stripe, endpointId: string) {
  try {
    await client.webhookEndpoints.del(endpointId);
  } catch (err) {
    if (!isStripeNotFound(err)) throw err;
  }
}
