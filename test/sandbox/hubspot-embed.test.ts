import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubSpotStandIn, type HubSpotHarness } from './hubspot-harness.js';

let hs: HubSpotHarness;
beforeAll(async () => {
  hs = await startHubSpotStandIn();
});
afterAll(async () => hs.close());

describe('HubSpot forms embed script and demo page (served, without a browser)', () => {
  it('serves the embed script as self-contained JavaScript, CORS open, pointing back at the stand-in', async () => {
    for (const path of ['/forms/embed/v2.js', '/forms/v2.js']) {
      const res = await fetch(hs.url + path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/javascript/);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      const source = await res.text();
      expect(() => new Function(source)).not.toThrow();
      expect(source).toContain(JSON.stringify({ origin: hs.url }));
      expect(source).toContain('hsFormCallback');
      expect(source).not.toMatch(/__vite_ssr|\brequire\(|\bimport\(/);
    }
  });

  it('serves the public form definition the script renders', async () => {
    const { portalId } = await hs.createPortal();
    const form = await hs.json('POST', `/__sandbox/hubspot/portals/${portalId}/forms`, {});
    const res = await hs.json('GET', `/embed/v3/form/${portalId}/${form.body.guid}/json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.body.form.formFieldGroups.map((g: { fields: { name: string }[] }) => g.fields[0].name)).toEqual(['email', 'firstname', 'lastname']);
    expect((await hs.json('GET', `/embed/v3/form/${portalId}/nope/json`)).status).toBe(404);
  });

  it('serves a demo page embedding the form, with the widget script when asked', async () => {
    const plain = await fetch(`${hs.url}/demo`).then((r) => r.text());
    expect(plain).toContain(`src="${hs.url}/forms/embed/v2.js"`);
    expect(plain).toContain('hbspt.forms.create(');
    expect(plain).not.toContain('data-account');
    const demo = await hs.json('GET', '/__sandbox/hubspot/demo');
    expect(plain).toContain(demo.body.formId);
    const details = await hs.api(demo.body.accessToken, 'GET', '/account-info/v3/details');
    expect(details.body.portalId).toBe(demo.body.portalId);

    const account = 'a'.repeat(32);
    const withWidget = await fetch(`${hs.url}/demo?${new URLSearchParams({ widget: 'http://localhost:3000/widget.js', account, form: 'frm_1', portalId: '1', formId: 'f"><script>' })}`).then((r) => r.text());
    expect(withWidget).toContain(`<script src="http://localhost:3000/widget.js" data-account="${account}" data-form="frm_1" async></script>`);
    expect(withWidget).not.toContain('f"><script>');

    const hostile = await fetch(`${hs.url}/demo?widget=${encodeURIComponent('javascript:alert(1)')}`).then((r) => r.text());
    expect(hostile).not.toContain('javascript:alert');
  });
});
