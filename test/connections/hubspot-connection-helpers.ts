import { Client } from '@hubspot/api-client';

/** Where the stand-ins run: a RunningSandbox, or the JSON of GET /sandbox.json. */
type Sandbox = { urls: { hubspot: string } };

/** A fresh portal at the HubSpot stand-in and its private app token, as a merchant would copy it from HubSpot. */
export async function mintPortal(sandbox: Sandbox): Promise<{ portalId: number; accessToken: string }> {
  const res = await fetch(`${sandbox.urls.hubspot}/__sandbox/hubspot/portals`, { method: 'POST' });
  return (await res.json()) as { portalId: number; accessToken: string };
}

/** An official client of our own, to look at what the stand-in holds for a token. */
export const sdkFor = (sandbox: Sandbox, accessToken: string) => new Client({ accessToken, basePath: sandbox.urls.hubspot });

/** The portal's properties of an object type in the OnePagePay group, by name. */
export async function onepagepayProperties(sandbox: Sandbox, accessToken: string, objectType: 'contacts' | 'deals') {
  const all = (await sdkFor(sandbox, accessToken).crm.properties.coreApi.getAll(objectType)).results;
  return new Map(all.filter((p) => p.groupName === 'onepagepay').map((p) => [p.name, p]));
}

/** Approves an authorization at the stand-in as the consent page's button would, and returns the callback URL's query. */
export async function approveAtStandIn(sandbox: Sandbox, authorizeUrl: string): Promise<string> {
  const url = new URL(authorizeUrl);
  const res = await fetch(`${sandbox.urls.hubspot}/__sandbox/hubspot/oauth/authorize`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      clientId: url.searchParams.get('client_id'),
      redirectUri: url.searchParams.get('redirect_uri'),
      scopes: url.searchParams.get('scope')!.split(' '),
      state: url.searchParams.get('state'),
    }),
  });
  const location = new URL(((await res.json()) as { location: string }).location);
  return `${location.pathname}${location.search}`;
}
