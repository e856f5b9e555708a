import type { Mode } from '../platform/db/schema.js';
import { AppError } from '../platform/http/errors.js';
import type { AppContext } from '../platform/http/types.js';
import { loadHubSpotConnection } from '../providers/hubspot/load-hubspot-connection.js';
import { hubspotProperties } from '../providers/hubspot/hubspot-properties.js';
import { createAtHubSpotStandIn } from './hubspot-stand-in.js';

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
  const body = { name, fields: [{ name: hubspotProperties.contact.formPaymentId, hidden: true }], submitText: 'Submit and pay' };
  const form = await createAtHubSpotStandIn<{ guid: string; name: string }>(ctx.sandboxUrls.hubspot, `/portals/${conn.portalId}/forms`, body, 'the form');
  return { portalId: conn.portalId, id: form.guid, name: form.name };
}
