import { AppError } from '../platform/http/errors.js';

/**
 * A HubSpot form for the demo in the stand-in portal: the default email/name fields, a hidden
 * `onepagepay_payment_id` field the widget fills, and a T-shirt size (HubSpot-side data stored with
 * the payment). Sandbox only: the stand-in's control API creates it.
 */
export async function createDemoHubSpotForm(hubspotUrl: string, portalId: string): Promise<string> {
  const res = await fetch(`${hubspotUrl}/__sandbox/hubspot/portals/${portalId}/forms`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'OnePagePay demo: buy a T-shirt',
      fields: [
        { name: 'onepagepay_payment_id', hidden: true },
        { name: 'tshirt_size', label: 'Size', fieldType: 'select', options: ['S', 'M', 'L', 'XL'], required: true },
      ],
      submitText: 'Pay and submit',
      inlineMessage: 'Thank you! Your payment went through.',
    }),
    signal: AbortSignal.timeout(10_000),
  });
  if (res.status !== 201) throw new AppError('provider_unavailable', `The sandbox HubSpot could not create the demo form (HTTP ${res.status}).`);
  return ((await res.json()) as { guid: string }).guid;
}
