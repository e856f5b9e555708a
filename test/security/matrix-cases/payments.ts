import type { Case, Preparer } from './types.js';

/**
 * A paid transaction in A (test mode): a card payment on A's form through the public API,
 * confirmed at the Stripe stand-in the way Stripe.js does it, then completed. Runs after the
 * connections and forms preparers.
 */
export const preparePayments: Preparer = async (w) => {
  const created = await w.a.owner.request('POST', `/api/public/v1/accounts/${w.a.accountId}/forms/${w.objects.formId}/payments`, {
    idempotencyKey: `matrix-${Date.now()}`,
    provider: 'stripe',
    contact: { email: 'alpha-buyer@example.com', firstName: 'Alpha', lastName: 'Buyer' },
    items: [{ priceId: w.objects.priceId }],
  });
  if (created.statusCode !== 201) throw new Error(`payment: ${created.statusCode} ${created.body}`);
  const payment = created.json() as { id: string; stripe: { clientSecret: string; publishableKey: string } };
  const urls = (await w.a.owner.request('GET', '/sandbox.json')).json() as { stripe: string };
  const pi = payment.stripe.clientSecret.split('_secret_')[0];
  const confirmed = await fetch(`${urls.stripe}/v1/payment_intents/${pi}/confirm`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ key: payment.stripe.publishableKey, client_secret: payment.stripe.clientSecret, payment_method: 'pm_card_visa' }),
  });
  if (!confirmed.ok) throw new Error(`confirm: ${confirmed.status}`);
  const completed = await w.a.owner.request('POST', `/api/public/v1/accounts/${w.a.accountId}/payments/${payment.id}/complete`, {});
  if (completed.json().status !== 'succeeded') throw new Error(`complete: ${completed.body}`);
  w.objects.transactionId = payment.id;
  const detail = await w.a.owner.request('GET', `/api/v1/transactions/${payment.id}`);
  w.objects.contactId = detail.json().contact.id;
};

export const paymentCases: Record<string, Case> = {
  // Lists read the caller's own account and mode: B sees none of A's transactions or buyers.
  'GET /api/v1/transactions': { kind: 'collection' },
  'GET /api/v1/transactions/summary': { kind: 'collection' },
  'GET /api/v1/transactions/export.csv': { kind: 'collection' },
  'GET /api/v1/contacts': { kind: 'collection' },
  'GET /api/v1/contacts/export.csv': { kind: 'collection' },
  // B searching for A's payment id finds nothing (search.test.ts checks the answer is empty).
  'GET /api/v1/search': { kind: 'collection', path: (w) => `/api/v1/search?q=${w.objects.transactionId}` },
  'GET /api/v1/transactions/:transactionId': { kind: 'object', path: (w) => `/api/v1/transactions/${w.objects.transactionId}` },
  'POST /api/v1/transactions/:transactionId/refunds': { kind: 'object', path: (w) => `/api/v1/transactions/${w.objects.transactionId}/refunds`, body: () => ({ amount: 100 }) },
  'GET /api/v1/contacts/:contactId': { kind: 'object', path: (w) => `/api/v1/contacts/${w.objects.contactId}` },
};
