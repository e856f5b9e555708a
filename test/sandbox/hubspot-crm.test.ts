import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Client } from '@hubspot/api-client';
import { startHubSpotStandIn, type HubSpotHarness } from './hubspot-harness.js';

let hs: HubSpotHarness;
let token: string;
let portalId: number;
let client: Client;

beforeAll(async () => {
  hs = await startHubSpotStandIn();
});
afterAll(async () => hs.close());
beforeEach(async () => {
  ({ portalId, accessToken: token } = await hs.createPortal({ additionalCurrencies: ['EUR'] }));
  client = hs.client(token);
});

async function rejection(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected the call to fail');
}

describe('contacts through @hubspot/api-client', () => {
  it('creates, reads by id and by email, updates and archives a contact', async () => {
    const created = await client.crm.contacts.basicApi.create({ properties: { email: 'Ada@Example.com', firstname: 'Ada' }, associations: [] });
    expect(created.id).toMatch(/^\d+$/);
    expect(created.properties.email).toBe('ada@example.com');
    expect(created.properties.hs_object_id).toBe(created.id);
    expect(created.createdAt).toBeInstanceOf(Date);
    expect(created.archived).toBe(false);

    const byId = await client.crm.contacts.basicApi.getById(created.id, ['email', 'phone']);
    expect(byId.properties).toMatchObject({ email: 'ada@example.com', phone: null });
    const byEmail = await client.crm.contacts.basicApi.getById('ada@example.com', undefined, undefined, undefined, false, 'email');
    expect(byEmail.id).toBe(created.id);

    const updated = await client.crm.contacts.basicApi.update(created.id, { properties: { lastname: 'Lovelace' } });
    expect(updated.properties.lastname).toBe('Lovelace');
    expect(updated.properties.firstname).toBe('Ada');

    await client.crm.contacts.basicApi.archive(created.id);
    const gone = await rejection(client.crm.contacts.basicApi.getById(created.id));
    expect(gone.code).toBe(404);
  });

  it('refuses an invalid email with HubSpot\'s validation body', async () => {
    const res = await hs.api(token, 'POST', '/crm/v3/objects/contacts', { properties: { email: 'ada@example' } });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      status: 'error',
      category: 'VALIDATION_ERROR',
      errors: [{ code: 'INVALID_EMAIL', context: { propertyName: ['email'] } }],
    });
    expect(res.body.message).toMatch(/^Property values were not valid: \[/);
    expect(JSON.parse(res.body.message.slice('Property values were not valid: '.length))[0]).toMatchObject({ error: 'INVALID_EMAIL', name: 'email' });
    expect(res.body.correlationId).toMatch(/[0-9a-f-]{36}/);

    const err = await rejection(client.crm.contacts.basicApi.create({ properties: { email: 'not an email' }, associations: [] }));
    expect(err.code).toBe(400);
    expect(err.body.category).toBe('VALIDATION_ERROR');
  });

  it('refuses unknown properties and unknown enumeration options', async () => {
    const res = await hs.api(token, 'POST', '/crm/v3/objects/contacts', { properties: { email: 'a@example.com', favourite_colour: 'red', lifecyclestage: 'buyer' } });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { code: string }) => e.code).sort()).toEqual(['INVALID_OPTION', 'PROPERTY_DOESNT_EXIST']);
  });

  it('answers 409 with the existing id when the email is taken', async () => {
    const first = await client.crm.contacts.basicApi.create({ properties: { email: 'dup@example.com' }, associations: [] });
    const res = await hs.api(token, 'POST', '/crm/v3/objects/contacts', { properties: { email: 'DUP@example.com' } });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ status: 'error', category: 'CONFLICT', message: `Contact already exists. Existing ID: ${first.id}` });
  });

  it('batch upsert by email creates then updates the same contact', async () => {
    const input = { inputs: [{ id: 'grace@example.com', idProperty: 'email', properties: { firstname: 'Grace' } }] };
    const first = await client.crm.contacts.batchApi.upsert(input);
    expect(first.status).toBe('COMPLETE');
    expect(first.results).toHaveLength(1);
    expect(first.results[0]._new).toBe(true);
    expect(first.results[0].properties.email).toBe('grace@example.com');

    const second = await client.crm.contacts.batchApi.upsert({ inputs: [{ id: 'Grace@Example.com', idProperty: 'email', properties: { lastname: 'Hopper' } }] });
    expect(second.results[0]._new).toBe(false);
    expect(second.results[0].id).toBe(first.results[0].id);
    expect(second.results[0].properties).toMatchObject({ firstname: 'Grace', lastname: 'Hopper' });

    const raw = await hs.api(token, 'POST', '/crm/v3/objects/contacts/batch/upsert', input);
    expect(raw.status).toBe(200);
    expect(raw.body.results[0].new).toBe(false);
  });

  it('batch upsert is all or nothing: one input HubSpot refuses fails the whole call with 400, and nothing is written', async () => {
    const refused = await hs.api(token, 'POST', '/crm/v3/objects/contacts/batch/upsert', {
      inputs: [
        { id: 'kept-out@example.com', idProperty: 'email', properties: {} },
        { id: 'broken@@example', idProperty: 'email', properties: {} },
      ],
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR' });
    expect(refused.body.errors[0].code).toBe('INVALID_EMAIL');
    const search = await client.crm.contacts.searchApi.doSearch({ filterGroups: [{ filters: [{ propertyName: 'email', operator: 'EQ' as never, value: 'kept-out@example.com' }] }], limit: 1 } as never);
    expect(search.total).toBe(0);

    const err = await rejection(client.crm.contacts.batchApi.upsert({ inputs: [{ id: 'also-kept-out@example.com', idProperty: 'email', properties: {} }, { id: 'x@y', idProperty: 'email', properties: {} }] }));
    expect(err.code).toBe(400);
    expect(err.body.errors[0].code).toBe('INVALID_EMAIL');

    const ok = await client.crm.contacts.batchApi.upsert({ inputs: [{ id: 'fine@example.com', idProperty: 'email', properties: {} }] });
    expect(ok.results).toHaveLength(1);
  });

  it('batch create, read (207 for missing ids) and update', async () => {
    const created = await client.crm.contacts.batchApi.create({ inputs: [{ properties: { email: 'b1@example.com' }, associations: [] }, { properties: { email: 'b2@example.com' }, associations: [] }] });
    expect(created.results).toHaveLength(2);
    const ids = created.results.map((r) => r.id);
    const read = await hs.api(token, 'POST', '/crm/v3/objects/contacts/batch/read', { properties: ['email'], inputs: [...ids.map((id) => ({ id })), { id: '1' }] });
    expect(read.status).toBe(207);
    expect(read.body.results).toHaveLength(2);
    expect(read.body.errors[0]).toMatchObject({ category: 'OBJECT_NOT_FOUND', context: { ids: ['1'] } });
    const updated = await client.crm.contacts.batchApi.update({ inputs: ids.map((id) => ({ id, properties: { lifecyclestage: 'customer' } })) });
    expect(updated.results.every((r) => r.properties.lifecyclestage === 'customer')).toBe(true);
  });

  it('searches with filter groups, sorts and paging', async () => {
    // Many searches back to back: room for them above HubSpot's 5 per second (tested in hubspot-rate-limit.test.ts).
    await hs.json('PUT', `/__sandbox/hubspot/portals/${portalId}/rate-limit`, { searchPerSecond: 100 });
    for (const [email, firstname, age] of [['s1@example.com', 'Sam', '30'], ['s2@example.com', 'Sue', '40'], ['s3@other.org', 'Sid', '50']]) {
      await client.crm.contacts.basicApi.create({ properties: { email, firstname, company: age }, associations: [] });
    }
    const eq = await client.crm.contacts.searchApi.doSearch({ filterGroups: [{ filters: [{ propertyName: 'email', operator: 'EQ' as never, value: 'S2@example.com' }] }], properties: ['email'], limit: 10, after: '0', sorts: [] });
    expect(eq.total).toBe(1);
    expect(eq.results[0].properties.email).toBe('s2@example.com');

    const token_ = await hs.api(token, 'POST', '/crm/v3/objects/contacts/search', { filterGroups: [{ filters: [{ propertyName: 'email', operator: 'CONTAINS_TOKEN', value: '*@example.com' }] }] });
    expect(token_.body.total).toBe(2);

    const orGroups = await hs.api(token, 'POST', '/crm/v3/objects/contacts/search', {
      filterGroups: [{ filters: [{ propertyName: 'company', operator: 'GTE', value: '45' }] }, { filters: [{ propertyName: 'firstname', operator: 'IN', values: ['sam'] }] }],
      sorts: [{ propertyName: 'company', direction: 'DESCENDING' }],
      properties: ['firstname'],
      limit: 1,
    });
    expect(orGroups.body.total).toBe(2);
    expect(orGroups.body.results[0].properties.firstname).toBe('Sid');
    expect(orGroups.body.paging.next.after).toBe('1');
    const page2 = await hs.api(token, 'POST', '/crm/v3/objects/contacts/search', {
      filterGroups: [{ filters: [{ propertyName: 'company', operator: 'GTE', value: '45' }] }, { filters: [{ propertyName: 'firstname', operator: 'IN', values: ['sam'] }] }],
      sorts: [{ propertyName: 'company', direction: 'DESCENDING' }], properties: ['firstname'], limit: 1, after: '1',
    });
    expect(page2.body.results[0].properties.firstname).toBe('Sam');
    expect(page2.body.paging).toBeUndefined();

    const has = await hs.api(token, 'POST', '/crm/v3/objects/contacts/search', { filterGroups: [{ filters: [{ propertyName: 'phone', operator: 'HAS_PROPERTY' }] }] });
    expect(has.body.total).toBe(0);
    const tooMany = await hs.api(token, 'POST', '/crm/v3/objects/contacts/search', { limit: 201 });
    expect(tooMany.status).toBe(400);
  });
});

describe('deals, line items, notes and associations', () => {
  it('creates a deal associated with a contact, readable through associations v4 in both directions', async () => {
    const contact = await client.crm.contacts.basicApi.create({ properties: { email: 'buyer@example.com' }, associations: [] });
    const deal = await client.crm.deals.basicApi.create({
      properties: { dealname: 'Order 1', amount: '49.90', pipeline: 'default', dealstage: 'closedwon', closedate: '2026-01-15T10:00:00.000Z', deal_currency_code: 'EUR' },
      associations: [{ to: { id: contact.id }, types: [{ associationCategory: 'HUBSPOT_DEFINED' as never, associationTypeId: 3 }] }],
    });
    expect(deal.properties).toMatchObject({ dealname: 'Order 1', amount: '49.90', dealstage: 'closedwon' });

    const fromDeal = await client.crm.associations.v4.basicApi.getPage('deals', deal.id, 'contacts');
    expect(fromDeal.results).toHaveLength(1);
    expect(String(fromDeal.results[0].toObjectId)).toBe(contact.id);
    expect(fromDeal.results[0].associationTypes[0]).toMatchObject({ category: 'HUBSPOT_DEFINED', typeId: 3 });

    const fromContact = await hs.api(token, 'GET', `/crm/v4/objects/contacts/${contact.id}/associations/deals`);
    expect(fromContact.body.results).toEqual([{ toObjectId: Number(deal.id), associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 4, label: null }] }]);

    const v3 = await client.crm.deals.basicApi.getById(deal.id, undefined, undefined, ['contacts']);
    expect(v3.associations?.contacts?.results[0]).toMatchObject({ id: contact.id, type: 'deal_to_contact' });
  });

  it('refuses unknown stages and associations to missing records', async () => {
    const badStage = await hs.api(token, 'POST', '/crm/v3/objects/deals', { properties: { dealname: 'x', dealstage: 'won' } });
    expect(badStage.status).toBe(400);
    expect(badStage.body.errors[0].code).toBe('INVALID_OPTION');
    const badAssoc = await hs.api(token, 'POST', '/crm/v3/objects/deals', {
      properties: { dealname: 'x' },
      associations: [{ to: { id: '999999999' }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 3 }] }],
    });
    expect(badAssoc.status).toBe(400);
  });

  it('creates line items on a deal and computes their amount', async () => {
    const deal = await client.crm.deals.basicApi.create({ properties: { dealname: 'With items', dealstage: 'appointmentscheduled' }, associations: [] });
    const item = await client.crm.lineItems.basicApi.create({
      properties: { name: 'T-shirt', quantity: '2', price: '19.95' },
      associations: [{ to: { id: deal.id }, types: [{ associationCategory: 'HUBSPOT_DEFINED' as never, associationTypeId: 20 }] }],
    });
    expect(item.properties.amount).toBe('39.9');
    const links = await client.crm.associations.v4.basicApi.getPage('deals', deal.id, 'line_items');
    expect(links.results.map((r) => String(r.toObjectId))).toEqual([item.id]);
    expect(links.results[0].associationTypes[0].typeId).toBe(19);
  });

  it('creates a note on a contact and a deal, and links records with default and typed v4 calls', async () => {
    const contact = await client.crm.contacts.basicApi.create({ properties: { email: 'n@example.com' }, associations: [] });
    const deal = await client.crm.deals.basicApi.create({ properties: { dealname: 'Noted' }, associations: [] });
    const note = await hs.api(token, 'POST', '/crm/v3/objects/notes', {
      properties: { hs_timestamp: '2026-02-01T00:00:00Z', hs_note_body: 'Paid by card' },
      associations: [
        { to: { id: contact.id }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 202 }] },
        { to: { id: deal.id }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 214 }] },
      ],
    });
    expect(note.status).toBe(201);
    const dealNotes = await hs.api(token, 'GET', `/crm/v4/objects/deals/${deal.id}/associations/notes`);
    expect(dealNotes.body.results[0].associationTypes[0].typeId).toBe(213);

    const other = await client.crm.deals.basicApi.create({ properties: { dealname: 'Linked later' }, associations: [] });
    const byDefault = await client.crm.associations.v4.basicApi.createDefault('contacts', contact.id, 'deals', other.id);
    expect(byDefault.status).toBe('COMPLETE');
    const typed = await client.crm.associations.v4.basicApi.create('deals', deal.id, 'contacts', contact.id, [{ associationCategory: 'HUBSPOT_DEFINED' as never, associationTypeId: 3 }]);
    expect(typed.toObjectTypeId).toBe('0-1');
    const contactDeals = await client.crm.associations.v4.basicApi.getPage('contacts', contact.id, 'deals');
    expect(contactDeals.results.map((r) => String(r.toObjectId)).sort()).toEqual([deal.id, other.id].sort());
    await client.crm.associations.v4.basicApi.archive('contacts', contact.id, 'deals', other.id);
    const after = await client.crm.associations.v4.basicApi.getPage('deals', other.id, 'contacts');
    expect(after.results).toHaveLength(0);

    const batch = await hs.api(token, 'POST', '/crm/v4/associations/contacts/deals/batch/read', { inputs: [{ id: contact.id }] });
    expect(batch.body.results[0].to.map((t: { toObjectId: number }) => String(t.toObjectId))).toEqual([deal.id]);
  });
});

describe('pipelines, properties and account', () => {
  it('serves the default deal pipeline with HubSpot\'s stages', async () => {
    const all = await client.crm.pipelines.pipelinesApi.getAll('deals');
    expect(all.results.map((p) => p.id)).toEqual(['default']);
    const stages = await client.crm.pipelines.pipelineStagesApi.getAll('deals', 'default');
    expect(stages.results.map((s) => s.id)).toEqual([
      'appointmentscheduled', 'qualifiedtobuy', 'presentationscheduled', 'decisionmakerboughtin', 'contractsent', 'closedwon', 'closedlost',
    ]);
    expect(stages.results.find((s) => s.id === 'closedwon')).toMatchObject({ label: 'Closed Won', metadata: { probability: '1.0', isClosed: 'true' } });
    const one = await client.crm.pipelines.pipelinesApi.getById('deals', 'default');
    expect(one.label).toBe('Sales Pipeline');
    const dealstage = await client.crm.properties.coreApi.getByName('deals', 'dealstage');
    expect(dealstage.options.map((o) => o.value)).toContain('closedwon');
  });

  it('creates property groups and properties once; the second create is a 409', async () => {
    const group = await client.crm.properties.groupsApi.create('contacts', { name: 'onepagepay', label: 'OnePagePay', displayOrder: -1 });
    expect(group.name).toBe('onepagepay');
    const dupGroup = await rejection(client.crm.properties.groupsApi.create('contacts', { name: 'onepagepay', label: 'OnePagePay', displayOrder: -1 }));
    expect(dupGroup.code).toBe(409);
    expect(dupGroup.body.category).toBe('OBJECT_ALREADY_EXISTS');

    const prop = await client.crm.properties.coreApi.create('contacts', {
      name: 'onepagepay_last_product', label: 'Last product', type: 'enumeration' as never, fieldType: 'select' as never, groupName: 'onepagepay',
      options: [{ label: 'T-shirt', value: 'tshirt', displayOrder: 0, hidden: false }],
    });
    expect(prop.options.map((o) => o.value)).toEqual(['tshirt']);
    const dup = await hs.api(token, 'POST', '/crm/v3/properties/contacts', { name: 'onepagepay_last_product', label: 'x', type: 'string', fieldType: 'text', groupName: 'onepagepay' });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ status: 'error', category: 'OBJECT_ALREADY_EXISTS' });

    const refused = await hs.api(token, 'POST', '/crm/v3/objects/contacts', { properties: { email: 'p@example.com', onepagepay_last_product: 'mug' } });
    expect(refused.body.errors[0].code).toBe('INVALID_OPTION');
    const grown = await client.crm.properties.coreApi.update('contacts', 'onepagepay_last_product', {
      options: [...prop.options.map(({ label, value, displayOrder, hidden }) => ({ label, value, displayOrder, hidden })), { label: 'Mug', value: 'mug', displayOrder: 1, hidden: false }],
    });
    expect(grown.options.map((o) => o.value)).toEqual(['tshirt', 'mug']);
    const accepted = await hs.api(token, 'POST', '/crm/v3/objects/contacts', { properties: { email: 'p@example.com', onepagepay_last_product: 'mug' } });
    expect(accepted.status).toBe(201);

    const read = await client.crm.properties.coreApi.getByName('contacts', 'onepagepay_last_product');
    expect(read.groupName).toBe('onepagepay');
    const list = await client.crm.properties.coreApi.getAll('deals');
    expect(list.results.map((p) => p.name)).toEqual(expect.arrayContaining(['dealname', 'amount', 'pipeline', 'dealstage', 'closedate', 'deal_currency_code']));
  });

  it('answers account details and token info, and 401 for a bad token', async () => {
    const details = await hs.api(token, 'GET', '/account-info/v3/details');
    expect(details.body).toMatchObject({ portalId, companyCurrency: 'USD', uiDomain: 'app.hubspot.com', dataHostingLocation: 'na1' });
    expect(typeof details.body.timeZone).toBe('string');
    const viaClient = await client.apiRequest({ method: 'GET', path: '/account-info/v3/details' });
    expect((await viaClient.json()).portalId).toBe(portalId);

    const bad = await hs.api('pat-na1-nope', 'GET', '/account-info/v3/details');
    expect(bad.status).toBe(401);
    expect(bad.body).toMatchObject({ status: 'error', category: 'INVALID_AUTHENTICATION' });
    const missing = await hs.json('GET', '/crm/v3/objects/contacts');
    expect(missing.status).toBe(401);
    const err = await rejection(hs.client('pat-na1-nope').crm.contacts.basicApi.getPage());
    expect(err.code).toBe(401);
  });

  it('keeps portals apart', async () => {
    const other = await hs.createPortal();
    const mine = await client.crm.contacts.basicApi.create({ properties: { email: 'mine@example.com' }, associations: [] });
    const res = await hs.api(other.accessToken, 'GET', `/crm/v3/objects/contacts/${mine.id}`);
    expect(res.status).toBe(404);
    const list = await hs.client(other.accessToken).crm.contacts.basicApi.getPage();
    expect(list.results).toHaveLength(0);
  });
});
