import { AppError } from '../platform/http/errors.js';
import { hubspotTimeoutMs } from '../providers/hubspot/hubspot-client.js';

/**
 * Asks the HubSpot stand-in to make something (a sandbox control: `POST /__sandbox/hubspot/…`,
 * answered 201 with it); unreachable or refused → 503 `provider_unavailable` naming `what`.
 */
export async function createAtHubSpotStandIn<T>(hubspotUrl: string, path: string, body: unknown, what: string): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${hubspotUrl}/__sandbox/hubspot${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      redirect: 'error',
      signal: AbortSignal.timeout(hubspotTimeoutMs),
    });
  } catch {
    throw new AppError('provider_unavailable', 'The sandbox HubSpot could not be reached. Please try again in a moment.');
  }
  if (res.status !== 201) throw new AppError('provider_unavailable', `The sandbox HubSpot could not create ${what} (HTTP ${res.status}).`);
  return (await res.json()) as T;
}
