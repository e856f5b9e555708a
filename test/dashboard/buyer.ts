import crypto from 'node:crypto';
import type { DashboardServer } from './e2e-server.js';

async function post(url: string, body: unknown, contentType = 'application/json') {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: contentType === 'application/json' ? JSON.stringify(body) : new URLSearchParams(body as Record<string, string>),
  });
  const json = (await res.json()) as Record<string, any>;
  if (!res.ok) throw new Error(`${url}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/**
 * A buyer paying a form the way the widget does, without a browser: create the payment through the
 * public API, confirm the PaymentIntent at the Stripe stand-in as Stripe.js would (publishable key,
 * client secret, a test payment method), then complete. Returns the final payment.
 */
export async function payThroughPublicApi(
  server: DashboardServer,
  input: { accountId: string; formId: string; email: string; firstName?: string; items: Array<{ priceId: string; quantity?: number; amount?: number }>; paymentMethod?: string },
) {
  const api = `${server.url}/api/public/v1/accounts/${input.accountId}`;
  const payment = await post(`${api}/forms/${input.formId}/payments`, {
    idempotencyKey: crypto.randomUUID(),
    provider: 'stripe',
    contact: { email: input.email, firstName: input.firstName ?? 'Ada', lastName: 'Buyer' },
    items: input.items,
  });
  const { clientSecret, publishableKey } = payment.stripe as { clientSecret: string; publishableKey: string };
  const confirm = await fetch(`${server.sandbox.urls.stripe}/v1/payment_intents/${clientSecret.split('_secret_')[0]}/confirm`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ key: publishableKey, client_secret: clientSecret, payment_method: input.paymentMethod ?? 'pm_card_visa' }),
  });
  await confirm.arrayBuffer();
  return post(`${api}/payments/${payment.id}/complete`, {});
}
