import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubSpotStandIn, type HubSpotHarness } from './hubspot-harness.js';

let hs: HubSpotHarness;
beforeAll(async () => {
  hs = await startHubSpotStandIn();
});
afterAll(async () => hs.close());

async function portalWithForm(form: Record<string, unknown> = {}) {
  const portal = await hs.createPortal();
  const created = await hs.json('POST', `/__sandbox/hubspot/portals/${portal.portalId}/forms`, {
    name: 'Buy a T-shirt',
    fields: [{ name: 'onepagepay_payment_id', hidden: true }],
    ...form,
  });
  expect(created.status).toBe(201);
  return { ...portal, formGuid: created.body.guid as string, form: created.body };
}

const submit = (portalId: number, guid: string, body: unknown) => hs.json('POST', `/submissions/v3/integration/submit/${portalId}/${guid}`, body);

describe('HubSpot forms', () => {
  it('creates a form with email, firstname, lastname and custom fields', async () => {
    const { form, accessToken, formGuid } = await portalWithForm({ fields: [{ name: 'tshirt_size', label: 'Size', fieldType: 'select', options: ['S', 'M', 'L'] }] });
    expect(form.guid).toMatch(/^[0-9a-f-]{36}$/);
    const names = form.formFieldGroups.flatMap((g: { fields: { name: string }[] }) => g.fields.map((f) => f.name));
    expect(names).toEqual(['email', 'firstname', 'lastname', 'tshirt_size']);
    const v3 = await hs.client(accessToken).apiRequest({ method: 'GET', path: '/marketing/v3/forms/' });
    expect((await v3.json()).results[0]).toMatchObject({ id: formGuid, name: 'Buy a T-shirt' });
    const v2 = await hs.api(accessToken, 'GET', `/forms/v2/forms/${formGuid}`);
    expect(v2.body.guid).toBe(formGuid);
    const prop = await hs.api(accessToken, 'GET', '/crm/v3/properties/contacts/tshirt_size');
    expect(prop.body.options.map((o: { value: string }) => o.value)).toEqual(['S', 'M', 'L']);
  });

  it('a submission creates the contact, a second one updates it, and every field is stored', async () => {
    const { portalId, formGuid, accessToken } = await portalWithForm();
    const first = await submit(portalId, formGuid, {
      submittedAt: String(Date.now()),
      fields: [
        { objectTypeId: '0-1', name: 'email', value: 'Buyer@Example.com' },
        { objectTypeId: '0-1', name: 'firstname', value: 'Bea' },
        { objectTypeId: '0-1', name: 'onepagepay_payment_id', value: 'pay_123' },
      ],
      context: { pageUri: 'http://localhost/demo', pageName: 'Demo' },
    });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ inlineMessage: 'Thanks for submitting the form.' });
    expect(first.headers.get('access-control-allow-origin')).toBe('*');

    const second = await submit(portalId, formGuid, { fields: [{ objectTypeId: '0-1', name: 'email', value: 'buyer@example.com' }, { objectTypeId: '0-1', name: 'lastname', value: 'Buyer' }] });
    expect(second.status).toBe(200);

    const contacts = await hs.client(accessToken).crm.contacts.basicApi.getPage(10, undefined, ['email', 'firstname', 'lastname', 'onepagepay_payment_id']);
    expect(contacts.results).toHaveLength(1);
    expect(contacts.results[0].properties).toMatchObject({ email: 'buyer@example.com', firstname: 'Bea', lastname: 'Buyer', onepagepay_payment_id: 'pay_123' });

    const listed = await hs.json('GET', `/__sandbox/hubspot/portals/${portalId}/submissions?formGuid=${formGuid}`);
    expect(listed.body.total).toBe(2);
    expect(listed.body.results[0]).toMatchObject({ formGuid, contactId: contacts.results[0].id, contactCreated: true, context: { pageUri: 'http://localhost/demo' } });
    expect(listed.body.results[0].values).toContainEqual({ objectTypeId: '0-1', name: 'onepagepay_payment_id', value: 'pay_123' });
    expect(listed.body.results[1].contactCreated).toBe(false);

    const viaApi = await hs.api(accessToken, 'GET', `/form-integrations/v1/submissions/forms/${formGuid}`);
    expect(viaApi.body.results).toHaveLength(2);
  });

  it('refuses invalid emails and missing required fields with the Forms API error body', async () => {
    const { portalId, formGuid } = await portalWithForm();
    const bad = await submit(portalId, formGuid, { fields: [{ objectTypeId: '0-1', name: 'email', value: 'nope@nowhere' }] });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ status: 'error', message: 'The request is not valid', errors: [{ errorType: 'INVALID_EMAIL', message: "Error in 'fields.email'. Invalid email address" }] });
    const missing = await submit(portalId, formGuid, { fields: [{ objectTypeId: '0-1', name: 'firstname', value: 'x' }] });
    expect(missing.body.errors[0].errorType).toBe('REQUIRED_FIELD');
    const unknown = await submit(portalId, '00000000-0000-0000-0000-000000000000', { fields: [] });
    expect(unknown.status).toBe(404);
  });

  it('answers CORS preflights on the submission endpoint and redirects when the form says so', async () => {
    const { portalId, formGuid } = await portalWithForm({ redirectUrl: 'https://example.com/thanks' });
    const pre = await fetch(`${hs.url}/submissions/v3/integration/submit/${portalId}/${formGuid}`, {
      method: 'OPTIONS',
      headers: { origin: 'http://shop.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    expect(pre.headers.get('access-control-allow-headers')).toMatch(/content-type/i);
    const res = await submit(portalId, formGuid, { fields: [{ name: 'email', value: 'r@example.com' }] });
    expect(res.body).toEqual({ redirectUri: 'https://example.com/thanks' });
  });
});
