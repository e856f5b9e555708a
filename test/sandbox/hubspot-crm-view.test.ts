import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubSpotStandIn, type HubSpotHarness } from './hubspot-harness.js';

let hs: HubSpotHarness;
beforeAll(async () => {
  hs = await startHubSpotStandIn();
});
afterAll(async () => hs.close());

describe('HubSpot stand-in CRM view', () => {
  it('lists a portal’s contacts, deals and line items, and shows each record with its properties and associations, escaped', async () => {
    const { portalId, accessToken } = await hs.createPortal({ name: 'Shop <b>' });
    const contact = await hs.api(accessToken, 'POST', '/crm/v3/objects/contacts', { properties: { email: 'ada@example.com', firstname: '<script>alert(1)</script>' } });
    const deal = await hs.api(accessToken, 'POST', '/crm/v3/objects/deals', {
      properties: { dealname: 'T-shirt – Ada', pipeline: 'default', dealstage: 'closedwon', amount: '25' },
      associations: [{ to: { id: contact.body.id }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 3 }] }],
    });
    expect(deal.status).toBe(201);

    const list = await fetch(`${hs.url}/contacts/${portalId}`);
    expect(list.status).toBe(200);
    expect(list.headers.get('content-type')).toMatch(/text\/html/);
    const listHtml = await list.text();
    expect(listHtml).toContain('Shop &lt;b&gt;');
    expect(listHtml).toContain(`href="/contacts/${portalId}/record/0-3/${deal.body.id}"`);
    expect(listHtml).toContain('Contacts (1)');
    expect(listHtml).not.toContain('<script>alert(1)</script>');

    const page = await (await fetch(`${hs.url}/contacts/${portalId}/record/0-3/${deal.body.id}`)).text();
    expect(page).toContain('<code>dealname</code>');
    expect(page).toContain('T-shirt – Ada');
    expect(page).toContain(`href="/contacts/${portalId}/record/0-1/${contact.body.id}"`);
    const contactPage = await (await fetch(`${hs.url}/contacts/${portalId}/record/0-1/${contact.body.id}`)).text();
    expect(contactPage).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(contactPage).toContain(`/record/0-3/${deal.body.id}`);
  });

  it('answers 404 for an unknown portal, object type or record, and counts no API call', async () => {
    const { portalId, accessToken } = await hs.createPortal();
    await hs.json('POST', `/__sandbox/hubspot/portals/${portalId}/stats/reset`, {});
    expect((await fetch(`${hs.url}/contacts/999999999`)).status).toBe(404);
    expect((await fetch(`${hs.url}/contacts/${portalId}/record/0-99/1`)).status).toBe(404);
    expect((await fetch(`${hs.url}/contacts/${portalId}/record/0-1/123456`)).status).toBe(404);
    expect((await fetch(`${hs.url}/contacts/${portalId}`)).status).toBe(200);
    expect((await hs.api(accessToken, 'GET', '/crm/v3/objects/contacts')).status).toBe(200);
    expect((await hs.json('GET', `/__sandbox/hubspot/portals/${portalId}/stats`)).body.requests).toBe(1);
  });
});
