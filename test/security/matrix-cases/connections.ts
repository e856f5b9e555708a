import { approveAtStandIn, mintPortal, sdkFor } from '../../connections/hubspot-connection-helpers.js';
import type { Case, Preparer } from './types.js';

// Any well-formed key is an account at the Stripe stand-in: B connects its own, never A's.
const keysOfB = { secretKey: 'sk_test_matrixAccountB', publishableKey: 'pk_test_matrixAccountB' };

/** Connecting routes act on the caller's own account: B's admin connects, disconnects and lists B's Stripe only. */
export const connectionCases: Record<string, Case> = {
  'GET /api/v1/connections': { kind: 'collection' },
  'PUT /api/v1/connections/stripe/:mode': { kind: 'collection', path: () => '/api/v1/connections/stripe/test', body: () => keysOfB },
  'DELETE /api/v1/connections/stripe/:mode': { kind: 'collection', path: () => '/api/v1/connections/stripe/test' },
  'POST /api/v1/connections/stripe/:mode/sandbox': { kind: 'collection', path: () => '/api/v1/connections/stripe/test/sandbox', body: () => ({}) },
  // B connects a PayPal app of its own (minted by the preparer), never A's.
  'PUT /api/v1/connections/paypal/:mode': { kind: 'collection', path: () => '/api/v1/connections/paypal/test', body: (w) => JSON.parse(w.objects.paypalAppB!) },
  'DELETE /api/v1/connections/paypal/:mode': { kind: 'collection', path: () => '/api/v1/connections/paypal/test' },
  'POST /api/v1/connections/paypal/:mode/sandbox': { kind: 'collection', path: () => '/api/v1/connections/paypal/test/sandbox', body: () => ({}) },
  // B connects a portal of its own (minted by the preparer), never A's.
  'PUT /api/v1/connections/hubspot/:mode': { kind: 'collection', path: () => '/api/v1/connections/hubspot/test', body: (w) => ({ accessToken: w.objects.hubspotTokenB }) },
  'DELETE /api/v1/connections/hubspot/:mode': { kind: 'collection', path: () => '/api/v1/connections/hubspot/test' },
  'POST /api/v1/connections/hubspot/:mode/sandbox': { kind: 'collection', path: () => '/api/v1/connections/hubspot/test/sandbox', body: () => ({}) },
  'POST /api/v1/connections/hubspot/:mode/oauth': { kind: 'collection', path: () => '/api/v1/connections/hubspot/live/oauth', body: () => ({}) },
  // A's authorization in flight, approved at HubSpot: B cannot finish it into any account.
  'GET /api/v1/connections/hubspot/oauth/callback': { kind: 'object', path: (w) => w.objects.hubspotCallbackA },
  // B's own live portal (connected by the preparer; no other case touches B's live HubSpot), never A's pipeline named after A.
  'GET /api/v1/connections/hubspot/:mode/pipelines': { kind: 'collection', path: () => '/api/v1/connections/hubspot/live/pipelines' },
  // Likewise B's own portal's forms, never A's form named after A.
  'GET /api/v1/connections/hubspot/:mode/forms': { kind: 'collection', path: () => '/api/v1/connections/hubspot/live/forms' },
  // B's new form goes into B's own live portal, never A's.
  'POST /api/v1/connections/hubspot/:mode/forms': { kind: 'collection', path: () => '/api/v1/connections/hubspot/live/forms', body: () => ({ name: 'B sign-up' }) },
};

/**
 * Connects A's Stripe and PayPal (test mode, one-step sandbox) — their publishable key and hints must
 * never reach B — and A's HubSpot (test mode, one-step sandbox); starts an OAuth authorization for A and approves
 * it at the stand-in; mints a HubSpot portal and a PayPal app for B to connect. In live mode, A's portal gets a deal
 * pipeline named after A's account (a name the matrix looks for in B's answers) and B connects a
 * portal of its own.
 */
export const prepareConnections: Preparer = async (w) => {
  const res = await w.a.owner.request('POST', '/api/v1/connections/stripe/test/sandbox', {});
  if (res.statusCode !== 201) throw new Error(`connecting A's Stripe failed: ${res.statusCode} ${res.body}`);
  w.objects.stripePublishableKeyA = res.json().publishableKey;
  w.objects.stripeHintA = res.json().hint;

  const paypal = await w.a.owner.request('POST', '/api/v1/connections/paypal/test/sandbox', {});
  if (paypal.statusCode !== 201) throw new Error(`connecting A's PayPal failed: ${paypal.statusCode} ${paypal.body}`);
  w.objects.paypalHintA = paypal.json().hint;

  const hubspot = await w.a.owner.request('POST', '/api/v1/connections/hubspot/test/sandbox', {});
  if (hubspot.statusCode !== 201) throw new Error(`connecting A's HubSpot failed: ${hubspot.statusCode} ${hubspot.body}`);
  const sandbox = { urls: (await w.a.owner.request('GET', '/sandbox.json')).json() as { hubspot: string; paypal: string } };
  const started = await w.a.owner.request('POST', '/api/v1/connections/hubspot/live/oauth', {});
  if (started.statusCode !== 201) throw new Error(`starting A's HubSpot OAuth failed: ${started.statusCode} ${started.body}`);
  w.objects.hubspotCallbackA = await approveAtStandIn(sandbox, started.json().authorizeUrl);
  w.objects.hubspotTokenB = (await mintPortal(sandbox)).accessToken;
  const appB = (await (await fetch(`${sandbox.urls.paypal}/__sandbox/paypal/apps`, { method: 'POST' })).json()) as { clientId: string; clientSecret: string };
  w.objects.paypalAppB = JSON.stringify({ clientId: appB.clientId, clientSecret: appB.clientSecret });

  const liveA = await w.a.owner.request('POST', '/api/v1/connections/hubspot/live/sandbox', {});
  if (liveA.statusCode !== 201) throw new Error(`connecting A's live HubSpot failed: ${liveA.statusCode} ${liveA.body}`);
  const tokenA = await fetch(`${sandbox.urls.hubspot}/__sandbox/hubspot/portals/${liveA.json().hubspot.portalId}/tokens`, { method: 'POST' });
  const nameA = (await w.a.owner.request('GET', '/api/v1/me')).json().account.name as string;
  await sdkFor(sandbox, ((await tokenA.json()) as { accessToken: string }).accessToken).crm.pipelines.pipelinesApi.create('deals', {
    label: `${nameA} pipeline`,
    displayOrder: 1,
    stages: [{ label: `${nameA} stage`, displayOrder: 0, metadata: { isClosed: 'true', probability: '1.0' } }],
  });
  await fetch(`${sandbox.urls.hubspot}/__sandbox/hubspot/portals/${liveA.json().hubspot.portalId}/forms`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: `${nameA} form` }),
  });
  const liveB = await w.b.owner.request('POST', '/api/v1/connections/hubspot/live/sandbox', {});
  if (liveB.statusCode !== 201) throw new Error(`connecting B's live HubSpot failed: ${liveB.statusCode} ${liveB.body}`);
};
