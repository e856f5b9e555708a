import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadHubSpotConnection } from '../../src/providers/hubspot/load-hubspot-connection.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/start-sandbox.js';
import { drivers } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/harness.js';
import { createTeam, type Team } from '../helpers/team.js';
import { approveAtStandIn, mintPortal, sdkFor } from './hubspot-connection-helpers.js';

describe.each(drivers)('the connected HubSpot portal’s deal pipelines (%s)', (driver) => {
  let sandbox: RunningSandbox;
  let t: TestApp;
  let team: Team;
  let portal: { portalId: number; accessToken: string };

  beforeAll(async () => {
    sandbox = await startSandbox();
    t = await startTestApp(driver, {}, { sandboxUrls: sandbox.urls });
    team = await createTeam(t.app, 'hs-pipelines');
    portal = await mintPortal(sandbox);
    const res = await team.admin.request('PUT', '/api/v1/connections/hubspot/test', { accessToken: portal.accessToken });
    expect(res.statusCode, res.body).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
    await sandbox?.close();
  });

  it('lists HubSpot’s default sales pipeline and its stages to a viewer, with closed and probability from the metadata', async () => {
    const res = await team.viewer.request('GET', '/api/v1/connections/hubspot/test/pipelines');
    expect(res.statusCode, res.body).toBe(200);
    const [sales, ...others] = res.json().data;
    expect(others).toEqual([]);
    expect(sales).toMatchObject({ id: 'default', label: 'Sales Pipeline', displayOrder: 0 });
    expect(sales.stages.map((s: { id: string }) => s.id)).toEqual([
      'appointmentscheduled',
      'qualifiedtobuy',
      'presentationscheduled',
      'decisionmakerboughtin',
      'contractsent',
      'closedwon',
      'closedlost',
    ]);
    expect(sales.stages[0]).toEqual({ id: 'appointmentscheduled', label: 'Appointment Scheduled', displayOrder: 0, closed: false, probability: 0.2 });
    expect(sales.stages[5]).toEqual({ id: 'closedwon', label: 'Closed Won', displayOrder: 5, closed: true, probability: 1 });
    expect(sales.stages[6]).toMatchObject({ id: 'closedlost', closed: true, probability: 0 });
  });

  it('lists a pipeline the merchant added in HubSpot after the default one, stages in their order', async () => {
    const created = await sdkFor(sandbox, portal.accessToken).crm.pipelines.pipelinesApi.create('deals', {
      label: 'Workshops',
      displayOrder: 1,
      stages: [
        { label: 'Cancelled', displayOrder: 2, metadata: { isClosed: 'true', probability: '0.0' } },
        { label: 'Booked', displayOrder: 0, metadata: { isClosed: 'false', probability: '0.5' } },
        { label: 'Attended', displayOrder: 1, metadata: { isClosed: 'true', probability: '1.0' } },
      ],
    });
    const res = await team.admin.request('GET', '/api/v1/connections/hubspot/test/pipelines');
    expect(res.statusCode, res.body).toBe(200);
    const data = res.json().data as { id: string; label: string; stages: { id: string; label: string; closed: boolean; probability: number }[] }[];
    expect(data.map((p) => p.label)).toEqual(['Sales Pipeline', 'Workshops']);
    expect(data[1].id).toBe(created.id);
    expect(data[1].stages.map((s) => [s.label, s.closed, s.probability])).toEqual([
      ['Booked', false, 0.5],
      ['Attended', true, 1],
      ['Cancelled', true, 0],
    ]);
    expect(data[1].stages.map((s) => s.id).sort()).toEqual(created.stages.map((s) => s.id).sort());
  });

  it('answers 404 when HubSpot is not connected in that mode', async () => {
    const res = await team.viewer.request('GET', '/api/v1/connections/hubspot/live/pipelines');
    expect(res.statusCode, res.body).toBe(404);
    expect(res.json().error).toMatchObject({ code: 'not_found', message: 'HubSpot is not connected in live mode. Connect HubSpot in live mode first.' });
  });

  it('answers 400 for a mode that does not exist', async () => {
    expect((await team.viewer.request('GET', '/api/v1/connections/hubspot/staging/pipelines')).statusCode).toBe(400);
  });

  it('answers 503 while HubSpot is down, and the pipelines once it is back', async () => {
    await sandbox.setFaults('hubspot', { outage: '503' });
    try {
      const res = await team.viewer.request('GET', '/api/v1/connections/hubspot/test/pipelines');
      expect(res.statusCode, res.body).toBe(503);
      expect(res.json().error.code).toBe('provider_unavailable');
      expect(res.json().error.message).toMatch(/^HubSpot could not be reached while listing the deal pipelines/);
    } finally {
      await sandbox.setFaults('hubspot', { outage: 'off' });
    }
    expect((await team.viewer.request('GET', '/api/v1/connections/hubspot/test/pipelines')).statusCode).toBe(200);
  });

  it('refreshes an OAuth token HubSpot refuses before its stored expiry, and lists the pipelines', async () => {
    const oauth = await createTeam(t.app, 'hs-pipelines-oauth');
    const started = await oauth.admin.request('POST', '/api/v1/connections/hubspot/live/oauth', {});
    expect((await oauth.admin.request('GET', await approveAtStandIn(sandbox, started.json().authorizeUrl))).statusCode).toBe(302);
    const before = (await loadHubSpotConnection(t.ctx, oauth.accountId, 'live'))!.accessToken;
    // Sandbox time passes the token's 30 minutes while the stored expiry (real time) says it is still good.
    sandbox.clock.advance(31 * 60 * 1000);
    const res = await oauth.viewer.request('GET', '/api/v1/connections/hubspot/live/pipelines');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().data[0].id).toBe('default');
    expect((await loadHubSpotConnection(t.ctx, oauth.accountId, 'live'))!.accessToken).not.toBe(before);
  });

  // Last: the reset forgets every portal of the stand-in.
  it('answers 422 when HubSpot refuses the stored token (the portal is gone)', async () => {
    sandbox.reset('hubspot');
    const res = await team.viewer.request('GET', '/api/v1/connections/hubspot/test/pipelines');
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().error.code).toBe('unprocessable');
    expect(res.json().error.message).toMatch(/^HubSpot refused listing the deal pipelines: Authentication credentials not found/);
  });
});
