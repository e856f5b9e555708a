import type { Mode } from '../platform/db/schema.js';
import { AppError } from '../platform/http/errors.js';
import type { AppContext } from '../platform/http/types.js';
import { hubspotTimeoutMs } from '../providers/hubspot/hubspot-client.js';
import { loadHubSpotConnection } from '../providers/hubspot/load-hubspot-connection.js';
import { hubspotProperties } from '../providers/hubspot/hubspot-properties.js';

/**
 * A form in the mode's sandbox portal, made at the HubSpot stand-in (`POST
 * /__sandbox/hubspot/portals/:id/forms`): email, first and last name, and the hidden field the widget
 * fills with the payment id. Only for a portal of the stand-in: in a real portal forms are made in
 * HubSpot (Marketing → Forms) and picked in the editor.
 */
export async function createSandboxHubSpotForm(ctx: AppContext, accountId: string, mode: Mode, name: string): Promise<{ portalId: string; id: string; name: string }> {
  const conn = await loadHubSpotConnection(ctx, accountId, mode);
  if (!conn) throw new AppError('not_found', `HubSpot is not connected in ${mode} mode. Connect HubSpot in ${mode} mode first.`);
  if (!conn.sandbox || !ctx.sandboxUrls) {
    throw new AppError('conflict', 'OnePagePay creates forms only in a sandbox portal. Create the form in HubSpot (Marketing → Forms) with a hidden field onepagepay_payment_id, then pick it here.');
  }
  let res: Response;
  try {
    res = await fetch(`${ctx.sandboxUrls.hubspot}/__sandbox/hubspot/portals/${conn.portalId}/forms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name, fields: [{ name: hubspotProperties.contact.formPaymentId, hidden: true }], submitText: 'Submit and pay' }),
      redirect: 'error',
      signal: AbortSignal.timeout(hubspotTimeoutMs),
    });
  } catch {
    throw new AppError('provider_unavailable', 'The sandbox HubSpot could not be reached. Please try again in a moment.');
  }
  if (res.status !== 201) throw new AppError('provider_unavailable', `The sandbox HubSpot could not create the form (HTTP ${res.status}).`);
  const form = (await res.json()) as { guid: string; name: string };
  return { portalId: conn.portalId, id: form.guid, name: form.name };
}
