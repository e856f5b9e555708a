import { hubspotRequest } from './hubspot-client.js';

export interface HubSpotAccountDetails {
  portalId: string;
  uiDomain: string | null;
  timeZone: string | null;
  companyCurrency: string | null;
  /** Currencies the portal has enabled beside its company currency (deals in others are refused). */
  additionalCurrencies: string[];
}

/**
 * `GET /account-info/v3/details` with a token: the cheapest authenticated call, which also names the
 * token's portal. Used to check a private app token before it is stored, and by the monitor.
 */
export async function fetchHubSpotAccount(base: string, accessToken: string, timeoutMs?: number): Promise<HubSpotAccountDetails> {
  const { body } = await hubspotRequest<{ portalId: number; uiDomain?: string; timeZone?: string; companyCurrency?: string; additionalCurrencies?: unknown }>(base, {
    path: '/account-info/v3/details',
    accessToken,
    timeoutMs,
  });
  if (typeof body?.portalId !== 'number') throw new Error('HubSpot answered the account details without a portalId');
  const additionalCurrencies = Array.isArray(body.additionalCurrencies) ? body.additionalCurrencies.filter((c): c is string => typeof c === 'string') : [];
  return { portalId: String(body.portalId), uiDomain: body.uiDomain ?? null, timeZone: body.timeZone ?? null, companyCurrency: body.companyCurrency ?? null, additionalCurrencies };
}

/** A masked hint that names a private app token without revealing it: `pat-na1-…1a2b`. */
export function hubspotTokenHint(accessToken: string): string {
  const prefix = /^pat-[a-z0-9]+-/.exec(accessToken)?.[0] ?? accessToken.slice(0, 4);
  return accessToken.length - prefix.length >= 12 ? `${prefix}…${accessToken.slice(-4)}` : `${prefix}…`;
}
